package io.vaultdrop.accounts;

import io.vaultdrop.errors.ErrorCode;

/** A new password that the password policy refuses; the detail says why, never the password. */
public final class WeakPasswordException extends AccountException {

  public WeakPasswordException(String reason) {
    super(ErrorCode.WEAK_PASSWORD, reason);
  }
}
