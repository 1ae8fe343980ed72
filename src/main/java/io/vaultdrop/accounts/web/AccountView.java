package io.vaultdrop.accounts.web;

import io.swagger.v3.oas.annotations.media.Schema;
import io.vaultdrop.accounts.Account;
import io.vaultdrop.accounts.Role;
import java.time.Instant;

/** The public JSON shape of an account. */
@Schema(name = "Account")
record AccountView(
    String id, String email, Role role, boolean emailVerified, boolean enabled, Instant createdAt) {

  static AccountView of(Account account) {
    return new AccountView(
        account.id(),
        account.email(),
        account.role(),
        account.emailVerified(),
        account.enabled(),
        account.createdAt());
  }
}
