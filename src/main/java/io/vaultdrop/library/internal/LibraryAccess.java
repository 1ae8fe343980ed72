package io.vaultdrop.library.internal;

import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.web.ApiException;
import org.springframework.http.HttpStatus;

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
      throw new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized");
    }
    if (!me.emailVerified()) {
      throw new ApiException(
          HttpStatus.FORBIDDEN,
          "email_not_verified",
          "Forbidden",
          "Verify your e-mail address first; a new link can be requested.");
    }
    return me;
  }

  /** A verified operator or administrator. */
  static CurrentUser manager(CurrentUser me) {
    verified(me);
    if (!canManage(me)) {
      throw new ApiException(
          HttpStatus.FORBIDDEN,
          "forbidden",
          "Forbidden",
          "Only operators and administrators manage library documents.");
    }
    return me;
  }

  static boolean canManage(CurrentUser me) {
    return me != null
        && me.emailVerified()
        && (me.role() == Role.OPERATOR || me.role() == Role.ADMIN);
  }
}
