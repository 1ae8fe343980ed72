package io.vaultdrop.accounts;

import org.springframework.http.HttpStatus;

/** A new password that the password policy refuses; the detail says why, never the password. */
public final class WeakPasswordException extends AccountException {

  public WeakPasswordException(String reason) {
    super(HttpStatus.BAD_REQUEST, "weak_password", "Bad Request", reason);
  }
}
