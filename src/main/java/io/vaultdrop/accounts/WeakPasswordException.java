package io.vaultdrop.accounts;

/** A new password that the password policy refuses; the message says why, never the password. */
public final class WeakPasswordException extends AccountException {

  public WeakPasswordException(String message) {
    super("weak_password", message);
  }
}
