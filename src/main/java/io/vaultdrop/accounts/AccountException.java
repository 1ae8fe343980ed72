package io.vaultdrop.accounts;

import io.vaultdrop.web.ApiException;
import org.springframework.http.HttpStatus;

/**
 * A request about accounts that cannot be honoured, with the stable {@code code} of the API
 * contract. Title and detail are safe to show and never contain secrets or user input.
 */
public class AccountException extends ApiException {

  public AccountException(HttpStatus status, String code, String title, String detail) {
    super(status, code, title, detail);
  }

  /** The e-mail address already belongs to an account (API only: pages stay neutral). */
  public static AccountException emailTaken() {
    return new AccountException(
        HttpStatus.CONFLICT, "email_taken", "Conflict", "An account with this e-mail exists.");
  }

  /** A verification token that is unknown, used or expired: all look the same. */
  public static AccountException invalidToken() {
    return new AccountException(
        HttpStatus.BAD_REQUEST,
        "invalid_token",
        "Bad Request",
        "This link is invalid or has expired.");
  }

  /** No such account (or one the caller may not see). */
  public static AccountException notFound() {
    return new AccountException(HttpStatus.NOT_FOUND, "not_found", "Not Found", null);
  }

  public static AccountException invalidEmail() {
    return new AccountException(
        HttpStatus.BAD_REQUEST, "invalid_email", "Bad Request", "Enter a valid e-mail address.");
  }

  public static AccountException wrongPassword() {
    return new AccountException(
        HttpStatus.BAD_REQUEST,
        "wrong_password",
        "Bad Request",
        "The current password is not correct.");
  }

  public static AccountException lastAdmin() {
    return new AccountException(
        HttpStatus.CONFLICT,
        "last_admin",
        "Conflict",
        "The last enabled administrator cannot be removed, disabled or demoted.");
  }
}
