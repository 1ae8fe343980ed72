package io.vaultdrop.accounts;

import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
import org.jspecify.annotations.Nullable;

/**
 * A request about accounts that cannot be honoured, with the stable {@code code} of the API
 * contract. Title and detail are safe to show and never contain secrets or user input.
 */
public class AccountException extends DomainException {

  public AccountException(ErrorCode code, @Nullable String detail) {
    super(code, detail);
  }

  /** The e-mail address already belongs to an account (API only: pages stay neutral). */
  public static AccountException emailTaken() {
    return new AccountException(ErrorCode.EMAIL_TAKEN, "problem.account.email-taken");
  }

  /** A verification token that is unknown, used or expired: all look the same. */
  public static AccountException invalidToken() {
    return new AccountException(ErrorCode.INVALID_TOKEN, "problem.account.invalid-link");
  }

  /** No such account (or one the caller may not see). */
  public static AccountException notFound() {
    return new AccountException(ErrorCode.NOT_FOUND, null);
  }

  public static AccountException invalidEmail() {
    return new AccountException(ErrorCode.INVALID_EMAIL, "problem.account.invalid-email");
  }

  public static AccountException wrongPassword() {
    return new AccountException(ErrorCode.WRONG_CURRENT_PASSWORD, "problem.account.wrong-password");
  }

  public static AccountException lastAdmin() {
    return new AccountException(ErrorCode.LAST_ADMIN, "problem.account.last-admin");
  }
}
