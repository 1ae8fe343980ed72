package io.vaultdrop.storage.database;

import io.vaultdrop.storage.BlobAlreadyExistsException;
import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobInfo;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The SQL of the database backend, on the tables of {@code V1__blob_storage.sql}: {@code blobs}
 * (one row per blob; {@code complete} is false while it is written or deleted) and {@code
 * blob_chunks} (the content, one row per chunk numbered from 0). Every statement commits on its
 * own, so no transaction ever holds more than one chunk. Database errors become {@link
 * IOException}s with a generic message (the cause keeps the details for logs).
 */
final class BlobRows {

  /** Chunks (of 1 MiB by default) one delete statement removes at most. */
  static final int DELETE_BATCH = 64;

  private final JdbcTemplate jdbc;

  BlobRows(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  void insertPending(BlobId id, long now) throws IOException {
    try {
      jdbc.update(
          "INSERT INTO blobs (id, size_bytes, created_at, complete) VALUES (?, 0, ?, FALSE)",
          id.value(),
          now);
    } catch (DataIntegrityViolationException e) {
      throw new BlobAlreadyExistsException(id);
    } catch (DataAccessException e) {
      throw failure(e);
    }
  }

  void insertChunk(BlobId id, int seq, byte[] data) throws IOException {
    try {
      jdbc.update(
          "INSERT INTO blob_chunks (blob_id, seq, chunk_data) VALUES (?, ?, ?)",
          ps -> {
            ps.setString(1, id.value());
            ps.setInt(2, seq);
            ps.setBytes(3, data);
          });
    } catch (DataIntegrityViolationException e) {
      throw new IOException("blob write was cancelled", e);
    } catch (DataAccessException e) {
      throw failure(e);
    }
  }

  /** Records write activity on a pending blob; false if it is no longer pending (swept). */
  boolean touchPending(BlobId id, long now) throws IOException {
    return update("UPDATE blobs SET created_at = ? WHERE id = ? AND complete = FALSE", now, id);
  }

  boolean markComplete(BlobId id, long size, long now) throws IOException {
    return update(
        "UPDATE blobs SET complete = TRUE, size_bytes = ?, created_at = ? WHERE id = ? AND complete"
            + " = FALSE",
        size,
        now,
        id);
  }

  OptionalLong committedSize(BlobId id) throws IOException {
    try {
      List<Long> sizes =
          jdbc.queryForList(
              "SELECT size_bytes FROM blobs WHERE id = ? AND complete = TRUE",
              Long.class,
              id.value());
      return sizes.isEmpty() ? OptionalLong.empty() : OptionalLong.of(sizes.getFirst());
    } catch (DataAccessException e) {
      throw failure(e);
    }
  }

  byte @Nullable [] chunk(BlobId id, int seq) throws IOException {
    try {
      List<byte[]> rows =
          jdbc.query(
              "SELECT chunk_data FROM blob_chunks WHERE blob_id = ? AND seq = ?",
              (rs, row) -> rs.getBytes(1),
              id.value(),
              seq);
      return rows.isEmpty() ? null : rows.getFirst();
    } catch (DataAccessException e) {
      throw failure(e);
    }
  }

  /** Hides the blob first, so a crash midway leaves a pending row for the sweep, never a torso. */
  void delete(BlobId id) throws IOException {
    update("UPDATE blobs SET complete = FALSE WHERE id = ?", id);
    deletePending(id);
  }

  /**
   * Deletes the chunks in batches of {@value #DELETE_BATCH}, so that no statement runs long
   * whatever the blob's size (a statement timeout must only ever end a stuck database); the last
   * statement takes any chunk a cancelled writer added meanwhile.
   */
  void deletePending(BlobId id) throws IOException {
    try {
      Integer last =
          jdbc.queryForObject(
              "SELECT MAX(seq) FROM blob_chunks WHERE blob_id = ?", Integer.class, id.value());
      for (int from = 0; last != null && from <= last; from += DELETE_BATCH) {
        jdbc.update(
            "DELETE FROM blob_chunks WHERE blob_id = ? AND seq >= ? AND seq < ?",
            id.value(),
            from,
            from + DELETE_BATCH);
      }
      jdbc.update("DELETE FROM blob_chunks WHERE blob_id = ?", id.value());
      jdbc.update("DELETE FROM blobs WHERE id = ? AND complete = FALSE", id.value());
    } catch (DataAccessException e) {
      throw failure(e);
    }
  }

  List<BlobInfo> list(@Nullable BlobId after, int limit) throws IOException {
    try {
      return jdbc.query(
          "SELECT id, size_bytes, created_at FROM blobs WHERE complete = TRUE AND id > ?"
              + " ORDER BY id LIMIT ?",
          (rs, row) ->
              new BlobInfo(
                  BlobId.parse(rs.getString(1)),
                  rs.getLong(2),
                  Instant.ofEpochMilli(rs.getLong(3))),
          after == null ? "" : after.value(),
          limit);
    } catch (DataAccessException e) {
      throw failure(e);
    }
  }

  List<BlobId> pendingInactiveSince(long millis, int limit) throws IOException {
    try {
      return jdbc.query(
          "SELECT id FROM blobs WHERE complete = FALSE AND created_at < ? ORDER BY id LIMIT ?",
          (rs, row) -> BlobId.parse(rs.getString(1)),
          millis,
          limit);
    } catch (DataAccessException e) {
      throw failure(e);
    }
  }

  private boolean update(String sql, Object... args) throws IOException {
    Object[] values = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      values[i] = args[i] instanceof BlobId id ? id.value() : args[i];
    }
    try {
      return jdbc.update(sql, values) > 0;
    } catch (DataAccessException e) {
      throw failure(e);
    }
  }

  private static IOException failure(DataAccessException e) {
    return new IOException("database blob storage failed", e);
  }
}
