package io.vaultdrop.accounts;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The signed-in user behind a request, the same for a web session and an API bearer token. Use it
 * as {@code @AuthenticationPrincipal CurrentUser me} in controllers.
 *
 * @param credentialsVersion the account's {@code credentials_changed_at} when this login happened:
 *     a password, role or enabled change makes every older login stale
 * @param authenticatedAt when the user proved their password (absolute session timeout)
 */
public record CurrentUser(
    String id,
    String email,
    Role role,
    boolean emailVerified,
    long credentialsVersion,
    Instant authenticatedAt)
    implements java.io.Serializable, AuthenticatedPrincipal {

  /**
   * The account id: what Spring Security calls the principal's name, and what the web session table
   * indexes a signed-in session by ({@code PRINCIPAL_NAME}), never the e-mail address.
   */
  @Override
  public String getName() {
    return id;
  }

  public Collection<? extends GrantedAuthority> authorities() {
    return List.of(new SimpleGrantedAuthority(role.authority()));
  }

  public boolean isAdmin() {
    return role == Role.ADMIN;
  }

  /** The signed-in user of an authentication made by Vaultdrop (session or bearer), if any. */
  public static java.util.Optional<CurrentUser> of(
      org.springframework.security.core.Authentication authentication) {
    if (authentication == null || !authentication.isAuthenticated()) {
      return java.util.Optional.empty();
    }
    Object principal = authentication.getPrincipal();
    if (principal instanceof CurrentUser user) {
      return java.util.Optional.of(user);
    }
    return java.util.Optional.empty();
  }
}
