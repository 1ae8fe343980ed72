package io.vaultdrop.accounts.security;

import org.springframework.security.authentication.AccountStatusException;

/** The password was right but the address is not verified yet. */
final class EmailNotVerifiedException extends AccountStatusException {

  EmailNotVerifiedException() {
    super("email not verified");
  }
}
