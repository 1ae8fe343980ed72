package io.vaultdrop.accounts.security;

import io.vaultdrop.passwords.PasswordWork;
import org.springframework.security.authentication.AuthenticationServiceException;

/**
 * The password-check pool is full ({@link PasswordWork.Busy}), as an authentication failure so the
 * login form's failure handler receives it; nothing was checked, so it is not a guess.
 */
final class PasswordChecksBusyException extends AuthenticationServiceException {

  private final PasswordWork.Busy busy;

  PasswordChecksBusyException(PasswordWork.Busy busy) {
    super("too many concurrent password checks");
    this.busy = busy;
  }

  /** The 429 {@code busy} answer with its {@code Retry-After}. */
  PasswordWork.Busy busy() {
    return busy;
  }
}
