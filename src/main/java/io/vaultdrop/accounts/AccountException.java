package io.vaultdrop.accounts;

/**
 * A request about accounts that cannot be honoured. {@link #code()} is the stable machine-readable
 * code of the API contract; the message is safe to show and never contains secrets.
 */
public class AccountException extends RuntimeException {

  private final String code;

  public AccountException(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** The e-mail address already belongs to an account. */
  public static AccountException emailTaken() {
    return new AccountException("email_taken", "An account with this e-mail address exists.");
  }

  /** A verification token that is unknown, used or expired: all look the same. */
  public static AccountException invalidToken() {
    return new AccountException("invalid_token", "This link is invalid or has expired.");
  }

  /** No such account (or one the caller may not see). */
  public static AccountException notFound() {
    return new AccountException("not_found", "No such account.");
  }

  public static AccountException invalidEmail() {
    return new AccountException("invalid_email", "Enter a valid e-mail address.");
  }

  public static AccountException wrongPassword() {
    return new AccountException("wrong_password", "The current password is not correct.");
  }

  public static AccountException lastAdmin() {
    return new AccountException(
        "last_admin", "The last enabled administrator cannot be removed or demoted.");
  }
}
