package io.vaultdrop.accounts.internal;

import io.vaultdrop.accounts.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code users} table. E-mail addresses are stored normalised (see {@link EmailAddresses}). */
@Repository
public class UserRepository {

  private static final String COLUMNS =
      "id, email, password_hash, role, email_verified, enabled, created_at, credentials_changed_at";

  /**
   * Moves the credentials version forward, strictly: every older session and token must become
   * stale even when two changes fall in the same millisecond.
   */
  private static final String NEXT_VERSION =
      "credentials_changed_at = GREATEST(?, credentials_changed_at + 1)";

  private final JdbcClient jdbc;

  UserRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(StoredUser user) {
    jdbc.sql("INSERT INTO users (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            user.id(),
            user.email(),
            user.passwordHash(),
            user.role().name(),
            user.emailVerified(),
            user.enabled(),
            user.createdAt().toEpochMilli(),
            user.credentialsChangedAt().toEpochMilli())
        .update();
  }

  public Optional<StoredUser> findById(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = ?")
        .param(id)
        .query(UserRepository::map)
        .optional();
  }

  public Optional<StoredUser> findByEmail(String normalisedEmail) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE email = ?")
        .param(normalisedEmail)
        .query(UserRepository::map)
        .optional();
  }

  List<StoredUser> findAll() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM users ORDER BY created_at, id")
        .query(UserRepository::map)
        .list();
  }

  boolean existsEnabledAdmin() {
    return countEnabledAdmins() > 0;
  }

  /**
   * Locks the rows of every enabled administrator (in id order, so two callers cannot deadlock)
   * until the transaction ends, and counts them. A concurrent caller waits, then sees the outcome:
   * two administrators removing each other at once cannot both pass a last-administrator check.
   */
  long lockEnabledAdmins() {
    return jdbc.sql(
            "SELECT id FROM users WHERE role = 'ADMIN' AND enabled = TRUE ORDER BY id FOR UPDATE")
        .query(String.class)
        .list()
        .size();
  }

  /**
   * Locks the account's row until the transaction ends, so that checks on what the account holds
   * (such as its number of API keys) and the insert after them cannot interleave with another
   * request of the same account. Empty when there is no such account.
   */
  public Optional<String> lock(String id) {
    return jdbc.sql("SELECT id FROM users WHERE id = ? FOR UPDATE")
        .param(id)
        .query(String.class)
        .optional();
  }

  long countEnabledAdmins() {
    return jdbc.sql("SELECT COUNT(*) FROM users WHERE role = 'ADMIN' AND enabled = TRUE")
        .query(Long.class)
        .single();
  }

  void markVerified(String id) {
    jdbc.sql("UPDATE users SET email_verified = TRUE WHERE id = ?").param(id).update();
  }

  void updatePassword(String id, String passwordHash, Instant changedAt) {
    jdbc.sql("UPDATE users SET password_hash = ?, " + NEXT_VERSION + " WHERE id = ?")
        .params(passwordHash, changedAt.toEpochMilli(), id)
        .update();
  }

  void updateRole(String id, Role role, Instant changedAt) {
    jdbc.sql("UPDATE users SET role = ?, " + NEXT_VERSION + " WHERE id = ?")
        .params(role.name(), changedAt.toEpochMilli(), id)
        .update();
  }

  void updateEnabled(String id, boolean enabled, Instant changedAt) {
    jdbc.sql("UPDATE users SET enabled = ?, " + NEXT_VERSION + " WHERE id = ?")
        .params(enabled, changedAt.toEpochMilli(), id)
        .update();
  }

  /**
   * Unverified accounts created before {@code createdBefore} with no verification link still valid
   * at {@code now}: abandoned registrations, whose address is free again.
   */
  List<String> findAbandonedRegistrations(Instant createdBefore, Instant now, int limit) {
    return jdbc
        .sql(
            "SELECT id FROM users u WHERE u.email_verified = FALSE AND u.created_at < ?"
                + " AND NOT EXISTS (SELECT 1 FROM email_verifications v"
                + " WHERE v.user_id = u.id AND v.expires_at > ?)"
                + " ORDER BY u.created_at")
        .params(createdBefore.toEpochMilli(), now.toEpochMilli())
        .query(String.class)
        .list()
        .stream()
        .limit(limit)
        .toList();
  }

  /** Whether the account has a verification link still valid at {@code now}. */
  boolean hasValidVerification(String id, Instant now) {
    return jdbc.sql("SELECT COUNT(*) FROM email_verifications WHERE user_id = ? AND expires_at > ?")
            .params(id, now.toEpochMilli())
            .query(Long.class)
            .single()
        > 0;
  }

  void delete(String id) {
    jdbc.sql("DELETE FROM users WHERE id = ?").param(id).update();
  }

  private static StoredUser map(ResultSet rs, int row) throws SQLException {
    return new StoredUser(
        rs.getString("id"),
        rs.getString("email"),
        rs.getString("password_hash"),
        Role.valueOf(rs.getString("role")),
        rs.getBoolean("email_verified"),
        rs.getBoolean("enabled"),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        Instant.ofEpochMilli(rs.getLong("credentials_changed_at")));
  }
}
