package io.vaultdrop.vault.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code vault_user_keys}: one HPKE key pair per user, the private half sealed. */
@Repository
class UserKeyRepository {

  /** A stored sealed private keyset and the id of the master key that sealed it. */
  record Sealed(String accountId, byte[] sealedPrivateKeyset, String masterKeyId) {
    @Override
    public String toString() {
      return "Sealed[" + accountId + ", masterKeyId=" + masterKeyId + "]";
    }
  }

  private final JdbcClient jdbc;

  UserKeyRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Inserts a key pair unless the account already has one; true if this call inserted it. */
  boolean insertIfAbsent(
      String accountId, byte[] publicKeyset, byte[] sealed, String masterKeyId, Instant now) {
    if (publicKeyset(accountId).isPresent()) {
      return false;
    }
    try {
      jdbc.sql(
              "INSERT INTO vault_user_keys (account_id, public_keyset, sealed_private_keyset,"
                  + " master_key_id, created_at) VALUES (?, ?, ?, ?, ?)")
          .params(accountId, publicKeyset, sealed, masterKeyId, now.toEpochMilli())
          .update();
      return true;
    } catch (DuplicateKeyException e) {
      return false; // a concurrent first upload created it
    }
  }

  Optional<byte[]> publicKeyset(String accountId) {
    return jdbc.sql("SELECT public_keyset FROM vault_user_keys WHERE account_id = ?")
        .param(accountId)
        .query((rs, n) -> rs.getBytes(1))
        .optional();
  }

  Optional<Sealed> sealed(String accountId) {
    return jdbc.sql(
            "SELECT account_id, sealed_private_keyset, master_key_id FROM vault_user_keys"
                + " WHERE account_id = ?")
        .param(accountId)
        .query(UserKeyRepository::sealed)
        .optional();
  }

  /**
   * Locks the account's row until the current transaction ends: uploads of one user reserve quota
   * one after the other, on every node.
   *
   * @return whether the row exists
   */
  boolean lock(String accountId) {
    return jdbc.sql("SELECT account_id FROM vault_user_keys WHERE account_id = ? FOR UPDATE")
        .param(accountId)
        .query((rs, n) -> rs.getString(1))
        .optional()
        .isPresent();
  }

  /** Keys sealed by another master key than {@code primaryKeyId}, in account id order. */
  List<Sealed> sealedByOtherThan(String primaryKeyId, String afterAccountId, int limit) {
    return jdbc.sql(
            "SELECT account_id, sealed_private_keyset, master_key_id FROM vault_user_keys"
                + " WHERE master_key_id <> ? AND account_id > ? ORDER BY account_id LIMIT ?")
        .params(primaryKeyId, afterAccountId, limit)
        .query(UserKeyRepository::sealed)
        .list();
  }

  /** Replaces a sealed key if it is still the one that was read; true if replaced. */
  boolean reseal(
      String accountId, String oldMasterKeyId, byte[] sealed, String masterKeyId, Instant now) {
    return jdbc.sql(
                "UPDATE vault_user_keys SET sealed_private_keyset = ?, master_key_id = ?,"
                    + " rewrapped_at = ? WHERE account_id = ? AND master_key_id = ?")
            .params(sealed, masterKeyId, now.toEpochMilli(), accountId, oldMasterKeyId)
            .update()
        == 1;
  }

  long count() {
    return jdbc.sql("SELECT COUNT(*) FROM vault_user_keys").query(Long.class).single();
  }

  long countSealedByOtherThan(String primaryKeyId) {
    return jdbc.sql("SELECT COUNT(*) FROM vault_user_keys WHERE master_key_id <> ?")
        .param(primaryKeyId)
        .query(Long.class)
        .single();
  }

  void delete(String accountId) {
    jdbc.sql("DELETE FROM vault_user_keys WHERE account_id = ?").param(accountId).update();
  }

  private static Sealed sealed(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Sealed(
        rs.getString("account_id"),
        rs.getBytes("sealed_private_keyset"),
        rs.getString("master_key_id"));
  }
}
