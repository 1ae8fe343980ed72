package io.vaultdrop.accounts.internal;

import io.vaultdrop.accounts.Account;
import io.vaultdrop.accounts.Role;
import java.time.Instant;

/** A {@code users} row, password hash included: never leaves the accounts module. */
public record StoredUser(
    String id,
    String email,
    String passwordHash,
    Role role,
    boolean emailVerified,
    boolean enabled,
    Instant createdAt,
    Instant credentialsChangedAt) {

  public Account toAccount() {
    return new Account(id, email, role, emailVerified, enabled, createdAt);
  }

  @Override
  public String toString() {
    return "StoredUser[id=" + id + ", role=" + role + "]";
  }
}
