package io.vaultdrop.accounts.apikeys;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code api_keys} table (migration V19). */
@Repository
class ApiKeyRepository {

  private static final String COLUMNS =
      "id, user_id, name, scopes, key_hash, hash_key_id, created_at, expires_at, last_used_at";

  private final JdbcClient jdbc;

  ApiKeyRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(StoredApiKey key) {
    jdbc.sql("INSERT INTO api_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            key.id(),
            key.userId(),
            key.name(),
            StoredApiKey.column(key.scopes()),
            key.keyHash(),
            key.hashKeyId(),
            key.createdAt().toEpochMilli(),
            millis(key.expiresAt()),
            millis(key.lastUsedAt()))
        .update();
  }

  Optional<StoredApiKey> find(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM api_keys WHERE id = ?")
        .param(id)
        .query(ApiKeyRepository::map)
        .optional();
  }

  List<StoredApiKey> findByUser(String userId) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM api_keys WHERE user_id = ? ORDER BY created_at, id")
        .param(userId)
        .query(ApiKeyRepository::map)
        .list();
  }

  /** The user's keys that still authenticate at {@code now} (not yet expired). */
  long countWorkingByUser(String userId, Instant now) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM api_keys WHERE user_id = ?"
                + " AND (expires_at IS NULL OR expires_at > ?)")
        .params(userId, now.toEpochMilli())
        .query(Long.class)
        .single();
  }

  /** Deletes every key that expired before {@code before}; returns how many. */
  int deleteExpiredBefore(Instant before) {
    return jdbc.sql("DELETE FROM api_keys WHERE expires_at < ?")
        .param(before.toEpochMilli())
        .update();
  }

  /**
   * Records a use at {@code now} unless one after {@code notBefore} is recorded already: the row is
   * written at most once per interval however many requests, and nodes, use the key.
   */
  void touch(String id, Instant now, Instant notBefore) {
    jdbc.sql(
            "UPDATE api_keys SET last_used_at = ? WHERE id = ?"
                + " AND (last_used_at IS NULL OR last_used_at < ?)")
        .params(now.toEpochMilli(), id, notBefore.toEpochMilli())
        .update();
  }

  boolean delete(String id) {
    return jdbc.sql("DELETE FROM api_keys WHERE id = ?").param(id).update() > 0;
  }

  int deleteByUser(String userId) {
    return jdbc.sql("DELETE FROM api_keys WHERE user_id = ?").param(userId).update();
  }

  private static @Nullable Long millis(@Nullable Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }

  private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(value);
  }

  private static StoredApiKey map(ResultSet rs, int row) throws SQLException {
    return new StoredApiKey(
        rs.getString("id"),
        rs.getString("user_id"),
        rs.getString("name"),
        StoredApiKey.scopesOf(rs.getString("scopes")),
        rs.getString("key_hash"),
        rs.getString("hash_key_id"),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        instant(rs, "expires_at"),
        instant(rs, "last_used_at"));
  }
}
