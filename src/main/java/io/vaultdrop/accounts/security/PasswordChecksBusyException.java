package io.vaultdrop.accounts.security;

import org.springframework.security.authentication.AuthenticationServiceException;

/**
 * Too many password checks are running at once. Each Argon2id check holds 19 MiB, so their number
 * is capped; a caller over the cap is asked to retry (429) instead of exhausting memory.
 */
final class PasswordChecksBusyException extends AuthenticationServiceException {

  PasswordChecksBusyException() {
    super("too many concurrent password checks");
  }
}
