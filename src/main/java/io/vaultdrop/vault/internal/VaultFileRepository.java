package io.vaultdrop.vault.internal;

import io.vaultdrop.storage.BlobId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for {@code vault_files}. Every read and delete a user triggers is scoped by owner and sees
 * only finished ({@code READY}) files, so another user's file and a running upload both look
 * missing.
 */
@Repository
class VaultFileRepository {

  static final String UPLOADING = "UPLOADING";
  static final String READY = "READY";
  private static final String COLUMNS = "id, owner_id, name, size_bytes, blob_id, created_at";

  /** A file together with its wrapped data key. */
  record Keyed(VaultFile file, byte[] wrappedKey) {}

  /** A row to delete: its id and blob. */
  record Stored(String id, BlobId blobId) {}

  /** Totals of finished files. */
  record Totals(long files, long bytes) {}

  private final JdbcClient jdbc;

  VaultFileRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Everything counted against the owner's quota: finished files and running reservations. */
  long reservedBytes(String ownerId) {
    return jdbc.sql("SELECT COALESCE(SUM(reserved_bytes), 0) FROM vault_files WHERE owner_id = ?")
        .param(ownerId)
        .query(Long.class)
        .single();
  }

  Totals totalsOf(String ownerId) {
    return jdbc.sql(
            "SELECT COUNT(*), COALESCE(SUM(size_bytes), 0) FROM vault_files"
                + " WHERE owner_id = ? AND state = ?")
        .params(ownerId, READY)
        .query((rs, n) -> new Totals(rs.getLong(1), rs.getLong(2)))
        .single();
  }

  Totals totals() {
    return jdbc.sql(
            "SELECT COUNT(*), COALESCE(SUM(size_bytes), 0) FROM vault_files WHERE state = ?")
        .param(READY)
        .query((rs, n) -> new Totals(rs.getLong(1), rs.getLong(2)))
        .single();
  }

  void insertReservation(String id, String ownerId, BlobId blob, long reserved, Instant now) {
    jdbc.sql(
            "INSERT INTO vault_files (id, owner_id, state, name, size_bytes, reserved_bytes,"
                + " blob_id, created_at) VALUES (?, ?, ?, '', 0, ?, ?, ?)")
        .params(id, ownerId, UPLOADING, reserved, blob.value(), now.toEpochMilli())
        .update();
  }

  /** Turns a reservation into a finished file; false if the reservation is gone (swept). */
  boolean complete(String id, String name, long size, byte[] wrappedKey, Instant now) {
    return jdbc.sql(
                "UPDATE vault_files SET state = ?, name = ?, size_bytes = ?, reserved_bytes = ?,"
                    + " wrapped_key = ?, created_at = ? WHERE id = ? AND state = ?")
            .params(READY, name, size, size, wrappedKey, now.toEpochMilli(), id, UPLOADING)
            .update()
        == 1;
  }

  void deleteReservation(String id) {
    jdbc.sql("DELETE FROM vault_files WHERE id = ? AND state = ?").params(id, UPLOADING).update();
  }

  /** The owner's files, newest first. */
  List<VaultFile> list(String ownerId) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM vault_files WHERE owner_id = ? AND state = ?"
                + " ORDER BY created_at DESC, id")
        .params(ownerId, READY)
        .query(VaultFileRepository::map)
        .list();
  }

  Optional<VaultFile> find(String ownerId, String id) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM vault_files WHERE id = ? AND owner_id = ? AND state = ?")
        .params(id, ownerId, READY)
        .query(VaultFileRepository::map)
        .optional();
  }

  Optional<Keyed> findKeyed(String ownerId, String id) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + ", wrapped_key FROM vault_files WHERE id = ? AND owner_id = ? AND state = ?")
        .params(id, ownerId, READY)
        .query((rs, n) -> new Keyed(map(rs, n), rs.getBytes("wrapped_key")))
        .optional();
  }

  boolean deleteOwned(String ownerId, String id) {
    return jdbc.sql("DELETE FROM vault_files WHERE id = ? AND owner_id = ? AND state = ?")
            .params(id, ownerId, READY)
            .update()
        == 1;
  }

  /** Every row of the owner, finished or not (account deletion). */
  List<Stored> allOf(String ownerId) {
    return jdbc.sql("SELECT id, blob_id FROM vault_files WHERE owner_id = ?")
        .param(ownerId)
        .query((rs, n) -> new Stored(rs.getString(1), BlobId.parse(rs.getString(2))))
        .list();
  }

  boolean delete(String id) {
    return jdbc.sql("DELETE FROM vault_files WHERE id = ?").param(id).update() == 1;
  }

  /** Reservations of uploads started before {@code startedBefore}: crashed or hopelessly slow. */
  List<Stored> staleUploads(Instant startedBefore, int limit) {
    return jdbc.sql(
            "SELECT id, blob_id FROM vault_files WHERE state = ? AND created_at < ?"
                + " ORDER BY created_at LIMIT ?")
        .params(UPLOADING, startedBefore.toEpochMilli(), limit)
        .query((rs, n) -> new Stored(rs.getString(1), BlobId.parse(rs.getString(2))))
        .list();
  }

  boolean deleteStaleUpload(String id, Instant startedBefore) {
    return jdbc.sql("DELETE FROM vault_files WHERE id = ? AND state = ? AND created_at < ?")
            .params(id, UPLOADING, startedBefore.toEpochMilli())
            .update()
        == 1;
  }

  private static VaultFile map(ResultSet rs, int row) throws SQLException {
    return new VaultFile(
        rs.getString("id"),
        rs.getString("owner_id"),
        rs.getString("name"),
        rs.getLong("size_bytes"),
        BlobId.parse(rs.getString("blob_id")),
        Instant.ofEpochMilli(rs.getLong("created_at")));
  }
}
