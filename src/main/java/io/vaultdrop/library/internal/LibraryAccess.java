package io.vaultdrop.library.internal;

import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;

/**
 * Who may do what in the library, checked in the service whatever the security rules already said:
 * every use needs a verified e-mail address ({@code 403 email_not_verified}); publishing,
 * replacing, removing and the download history need an operator or administrator ({@code 403
 * forbidden}). Any operator manages any document: the library is the team's, not one person's.
 */
final class LibraryAccess {

  private LibraryAccess() {}

  /** A signed-in user with a verified address. */
  static CurrentUser verified(CurrentUser me) {
    if (me == null) {
      throw new DomainException(ErrorCode.UNAUTHORIZED);
    }
    if (!me.emailVerified()) {
      throw new DomainException(ErrorCode.EMAIL_NOT_VERIFIED, "problem.email-not-verified");
    }
    return me;
  }

  /** A verified operator or administrator. */
  static CurrentUser manager(CurrentUser me) {
    verified(me);
    if (!canManage(me)) {
      throw new DomainException(ErrorCode.FORBIDDEN, "problem.library.operators-only");
    }
    return me;
  }

  static boolean canManage(CurrentUser me) {
    return me != null
        && me.emailVerified()
        && (me.role() == Role.OPERATOR || me.role() == Role.ADMIN);
  }
}
