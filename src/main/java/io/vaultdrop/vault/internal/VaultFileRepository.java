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
 * SQL for {@code vault_files} and {@code vault_uploads}. Every read and delete a user triggers is
 * scoped by owner. {@code vault_files} holds finished files only (state {@code READY}, inserted
 * when the file's object is published); the quota reservations of running uploads are rows of
 * {@code vault_uploads}, which have no blob yet.
 */
@Repository
class VaultFileRepository {

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
    // One statement, so one snapshot: read as two, an upload published in between (its
    // reservation deleted, its file inserted, in one transaction) was counted in neither sum and
    // a concurrent reservation could exceed the quota.
    return jdbc.sql(
            "SELECT COALESCE(SUM(reserved), 0) FROM ("
                + " SELECT reserved_bytes AS reserved FROM vault_files WHERE owner_id = ?"
                + " UNION ALL"
                + " SELECT reserved_bytes AS reserved FROM vault_uploads WHERE owner_id = ?) t")
        .params(ownerId, ownerId)
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

  // ---------------------------------------------------------------- reservations

  void insertReservation(String id, String ownerId, long reserved, Instant now) {
    jdbc.sql(
            "INSERT INTO vault_uploads (id, owner_id, reserved_bytes, started_at)"
                + " VALUES (?, ?, ?, ?)")
        .params(id, ownerId, reserved, now.toEpochMilli())
        .update();
  }

  /**
   * Turns a reservation into a finished file (inside the transaction that publishes its object);
   * false if the reservation is gone (stale, or the account was deleted) and nothing was inserted.
   */
  boolean complete(
      String id,
      String ownerId,
      String name,
      long size,
      BlobId blob,
      byte[] wrappedKey,
      Instant now) {
    if (!deleteReservation(id)) {
      return false;
    }
    jdbc.sql(
            "INSERT INTO vault_files (id, owner_id, state, name, size_bytes, reserved_bytes,"
                + " blob_id, wrapped_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(id, ownerId, READY, name, size, size, blob.value(), wrappedKey, now.toEpochMilli())
        .update();
    return true;
  }

  boolean deleteReservation(String id) {
    return jdbc.sql("DELETE FROM vault_uploads WHERE id = ?").param(id).update() == 1;
  }

  void deleteReservationsOf(String ownerId) {
    jdbc.sql("DELETE FROM vault_uploads WHERE owner_id = ?").param(ownerId).update();
  }

  /** Drops reservations of uploads started before {@code startedBefore}: crashed or too slow. */
  int deleteStaleReservations(Instant startedBefore) {
    return jdbc.sql("DELETE FROM vault_uploads WHERE started_at < ?")
        .param(startedBefore.toEpochMilli())
        .update();
  }

  // ---------------------------------------------------------------- files

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

  /** Every file of the owner (account deletion). */
  List<Stored> allOf(String ownerId) {
    return jdbc.sql("SELECT id, blob_id FROM vault_files WHERE owner_id = ?")
        .param(ownerId)
        .query((rs, n) -> new Stored(rs.getString(1), BlobId.parse(rs.getString(2))))
        .list();
  }

  boolean delete(String id) {
    return jdbc.sql("DELETE FROM vault_files WHERE id = ?").param(id).update() == 1;
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
