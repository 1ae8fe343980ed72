package io.vaultdrop.objects.internal;

import io.vaultdrop.storage.BlobId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * SQL for {@code stored_objects}: one row per blob, in state {@code PENDING}, {@code LIVE} or
 * {@code DELETING}. Every transition is one conditional UPDATE, so concurrent nodes agree on it.
 * Instants are epoch milliseconds.
 */
@Component
class ObjectLedger {

  static final String PENDING = "PENDING";
  static final String LIVE = "LIVE";
  static final String DELETING = "DELETING";

  private final JdbcClient jdbc;

  ObjectLedger(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insertPending(BlobId id, String feature, Instant now) {
    jdbc.sql(
            "INSERT INTO stored_objects (blob_id, feature, state, created_at, changed_at, readers)"
                + " VALUES (?, ?, 'PENDING', ?, ?, 0)")
        .params(id.value(), feature, now.toEpochMilli(), now.toEpochMilli())
        .update();
  }

  /** PENDING → LIVE; false if the object is no longer pending (swept). */
  boolean publish(BlobId id, long storedSize, Instant now) {
    return changesOne(
        "UPDATE stored_objects SET state = 'LIVE', size_bytes = ?, changed_at = ?"
            + " WHERE blob_id = ? AND state = 'PENDING'",
        storedSize,
        now.toEpochMilli(),
        id.value());
  }

  /** Forgets a pending object whose blob is gone. */
  void deletePending(BlobId id) {
    jdbc.sql("DELETE FROM stored_objects WHERE blob_id = ? AND state = 'PENDING'")
        .param(id.value())
        .update();
  }

  /** Counts a reader of a LIVE object; false if it is not live. */
  boolean startRead(BlobId id, Instant now) {
    return changesOne(
        "UPDATE stored_objects SET readers = readers + 1, read_at = ?"
            + " WHERE blob_id = ? AND state = 'LIVE'",
        now.toEpochMilli(),
        id.value());
  }

  /** The feature that created the object, if its row exists. */
  Optional<String> feature(BlobId id) {
    return jdbc.sql("SELECT feature FROM stored_objects WHERE blob_id = ?")
        .param(id.value())
        .query(String.class)
        .optional();
  }

  void endRead(BlobId id) {
    jdbc.sql("UPDATE stored_objects SET readers = readers - 1 WHERE blob_id = ? AND readers > 0")
        .param(id.value())
        .update();
  }

  /** LIVE → DELETING; false for an unknown object or one not live. */
  boolean markDeleting(BlobId id, Instant now) {
    return changesOne(
        "UPDATE stored_objects SET state = 'DELETING', changed_at = ?"
            + " WHERE blob_id = ? AND state = 'LIVE'",
        now.toEpochMilli(),
        id.value());
  }

  /**
   * PENDING → DELETING for a pending object unchanged since before {@code cutoff}: the sweeper
   * takes it, so a late publish fails instead of naming a deleted blob.
   */
  boolean claimAbandoned(BlobId id, Instant cutoff, Instant now) {
    return changesOne(
        "UPDATE stored_objects SET state = 'DELETING', changed_at = ?"
            + " WHERE blob_id = ? AND state = 'PENDING' AND changed_at < ?",
        now.toEpochMilli(),
        id.value(),
        cutoff.toEpochMilli());
  }

  /** A DELETING object's readers: how many, and when the last one started. */
  record Readers(int count, Instant lastStart) {}

  Optional<Readers> deletingReaders(BlobId id) {
    return jdbc.sql(
            "SELECT readers, read_at FROM stored_objects WHERE blob_id = ? AND state = 'DELETING'")
        .param(id.value())
        .query(
            (rs, n) -> {
              long readAt = rs.getLong(2);
              return new Readers(rs.getInt(1), Instant.ofEpochMilli(rs.wasNull() ? 0 : readAt));
            })
        .optional();
  }

  /** Forgets a DELETING object whose blob is gone. */
  void deleteDeleting(BlobId id) {
    jdbc.sql("DELETE FROM stored_objects WHERE blob_id = ? AND state = 'DELETING'")
        .param(id.value())
        .update();
  }

  List<BlobId> pendingBefore(Instant cutoff, int limit) {
    return ids(
        "SELECT blob_id FROM stored_objects WHERE state = 'PENDING' AND changed_at < ?"
            + " ORDER BY changed_at LIMIT ?",
        cutoff.toEpochMilli(),
        limit);
  }

  /** DELETING objects without readers, or whose last reader started before {@code stalled}. */
  List<BlobId> reapable(Instant stalled, int limit) {
    return ids(
        "SELECT blob_id FROM stored_objects WHERE state = 'DELETING'"
            + " AND (readers <= 0 OR read_at IS NULL OR read_at < ?) ORDER BY changed_at LIMIT ?",
        stalled.toEpochMilli(),
        limit);
  }

  private List<BlobId> ids(String sql, long instant, int limit) {
    return jdbc.sql(sql)
        .params(instant, limit)
        .query((rs, n) -> BlobId.parse(rs.getString(1)))
        .list();
  }

  /** Runs a conditional single-row UPDATE; whether it changed the row (the transition happened). */
  private boolean changesOne(String sql, Object... params) {
    return jdbc.sql(sql).params(params).update() == 1;
  }
}
