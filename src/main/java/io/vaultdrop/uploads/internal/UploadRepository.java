package io.vaultdrop.uploads.internal;

import io.vaultdrop.storage.BlobId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * SQL for {@code uploads} and {@code upload_chunks}. Every state change is one conditional UPDATE,
 * so nodes racing on one upload agree. Instants are epoch milliseconds.
 */
@Component
class UploadRepository {

  private final JdbcClient jdbc;

  UploadRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(StoredUpload upload) {
    jdbc.sql(
            "INSERT INTO uploads (upload_key, owner_id, file_name, total_bytes, stored_bytes,"
                + " state, created_at, changed_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            upload.key(),
            upload.ownerId(),
            upload.fileName(),
            upload.totalBytes(),
            upload.storedBytes(),
            upload.state(),
            upload.createdAt().toEpochMilli(),
            upload.createdAt().toEpochMilli(),
            upload.expiresAt().toEpochMilli())
        .update();
  }

  Optional<StoredUpload> find(String key) {
    return jdbc.sql(
            "SELECT upload_key, owner_id, file_name, total_bytes, stored_bytes, state, created_at,"
                + " expires_at FROM uploads WHERE upload_key = ?")
        .param(key)
        .query(
            (rs, n) ->
                new StoredUpload(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getLong(4),
                    rs.getLong(5),
                    rs.getString(6),
                    Instant.ofEpochMilli(rs.getLong(7)),
                    Instant.ofEpochMilli(rs.getLong(8))))
        .optional();
  }

  /** Unfinished or unclaimed uploads {@code ownerId} holds. */
  int countOwnedBy(String ownerId) {
    return jdbc.sql("SELECT COUNT(*) FROM uploads WHERE owner_id = ?")
        .param(ownerId)
        .query(Integer.class)
        .single();
  }

  /**
   * Moves the offset from {@code from} to {@code to} while the upload still receives and nobody
   * moved it meanwhile; false otherwise (a concurrent PATCH won, or it was claimed or deleted).
   */
  boolean advance(String key, long from, long to, Instant now, Instant expiresAt) {
    return jdbc.sql(
                "UPDATE uploads SET stored_bytes = ?, changed_at = ?, expires_at = ?"
                    + " WHERE upload_key = ? AND stored_bytes = ? AND state = 'RECEIVING'"
                    + " AND total_bytes >= ?")
            .params(to, now.toEpochMilli(), expiresAt.toEpochMilli(), key, from, to)
            .update()
        == 1;
  }

  void insertChunk(String key, UploadChunk chunk) {
    jdbc.sql(
            "INSERT INTO upload_chunks (upload_key, start_offset, size_bytes, blob_id, wrapped_key)"
                + " VALUES (?, ?, ?, ?, ?)")
        .params(
            key, chunk.startOffset(), chunk.sizeBytes(), chunk.blobId().value(), chunk.wrappedKey())
        .update();
  }

  List<UploadChunk> chunks(String key) {
    return jdbc.sql(
            "SELECT start_offset, size_bytes, blob_id, wrapped_key FROM upload_chunks"
                + " WHERE upload_key = ? ORDER BY start_offset")
        .param(key)
        .query(
            (rs, n) ->
                new UploadChunk(
                    rs.getLong(1), rs.getLong(2), BlobId.parse(rs.getString(3)), rs.getBytes(4)))
        .list();
  }

  /** RECEIVING and complete → CLAIMED; false if another call claimed it (or it is gone). */
  boolean claim(String key, Instant now, Instant expiresAt) {
    return jdbc.sql(
                "UPDATE uploads SET state = 'CLAIMED', changed_at = ?, expires_at = ?"
                    + " WHERE upload_key = ? AND state = 'RECEIVING' AND stored_bytes = total_bytes")
            .params(now.toEpochMilli(), expiresAt.toEpochMilli(), key)
            .update()
        == 1;
  }

  /** CLAIMED → RECEIVING, so the create call can be tried again. */
  void release(String key, Instant now, Instant expiresAt) {
    jdbc.sql(
            "UPDATE uploads SET state = 'RECEIVING', changed_at = ?, expires_at = ?"
                + " WHERE upload_key = ? AND state = 'CLAIMED'")
        .params(now.toEpochMilli(), expiresAt.toEpochMilli(), key)
        .update();
  }

  /** Deletes the upload and its chunk rows; returns the chunks' objects (to delete with them). */
  List<BlobId> delete(String key) {
    List<BlobId> blobs =
        jdbc.sql("SELECT blob_id FROM upload_chunks WHERE upload_key = ?")
            .param(key)
            .query((rs, n) -> BlobId.parse(rs.getString(1)))
            .list();
    jdbc.sql("DELETE FROM upload_chunks WHERE upload_key = ?").param(key).update();
    jdbc.sql("DELETE FROM uploads WHERE upload_key = ?").param(key).update();
    return blobs;
  }

  /** Uploads still receiving bytes: not finished, not expired. */
  long countUnfinished(Instant now) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM uploads WHERE state = 'RECEIVING'"
                + " AND stored_bytes < total_bytes AND expires_at > ?")
        .param(now.toEpochMilli())
        .query(Long.class)
        .single();
  }

  List<String> expired(Instant now, int limit) {
    return jdbc.sql(
            "SELECT upload_key FROM uploads WHERE expires_at < ? ORDER BY upload_key LIMIT ?")
        .params(now.toEpochMilli(), limit)
        .query(String.class)
        .list();
  }

  List<String> ownedBy(@Nullable String ownerId) {
    return jdbc.sql("SELECT upload_key FROM uploads WHERE owner_id = ?")
        .param(ownerId)
        .query(String.class)
        .list();
  }
}
