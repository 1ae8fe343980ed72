package io.vaultdrop.accounts.security;

import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.passwords.PasswordWork;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * E-mail + password check shared by the login form and the token endpoint. Unknown addresses cost
 * the same Argon2id work as known ones (Spring's timing mitigation); disabled accounts fail like a
 * wrong password; a right password on an unverified address raises {@link
 * EmailNotVerifiedException}.
 */
@Component
final class PasswordAuthentication {

  private final DaoAuthenticationProvider provider;
  private final PasswordWork work;
  private final AuthenticationManager manager;

  PasswordAuthentication(
      AccountUserDetailsService users, PasswordEncoder encoder, PasswordWork work) {
    this.work = work;
    DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
    this.provider = provider;
    provider.setPasswordEncoder(encoder);
    provider.setHideUserNotFoundExceptions(true);
    // Status is checked only after the password (same Argon2id work for every account), and a
    // disabled account then fails exactly like a wrong password.
    provider.setPreAuthenticationChecks(user -> {});
    provider.setPostAuthenticationChecks(
        user -> {
          if (!user.isEnabled()) {
            throw new BadCredentialsException("bad credentials");
          }
          if (user instanceof AccountUserDetails details
              && !details.currentUser().emailVerified()) {
            throw new EmailNotVerifiedException();
          }
        });
    // The authenticated principal is the CurrentUser itself (no password hash, same type as for
    // bearer tokens), so controllers can ask for @AuthenticationPrincipal CurrentUser.
    AuthenticationProvider asCurrentUser =
        new AuthenticationProvider() {
          @Override
          public Authentication authenticate(Authentication request) {
            Authentication done = checkWithinCapacity(request);
            CurrentUser user = ((AccountUserDetails) done.getPrincipal()).currentUser();
            return UsernamePasswordAuthenticationToken.authenticated(
                user, null, user.authorities());
          }

          @Override
          public boolean supports(Class<?> type) {
            return provider.supports(type);
          }
        };
    this.manager = new ProviderManager(asCurrentUser);
  }

  /**
   * The check itself runs on the bounded password-check pool (the encoder's); a full pool becomes
   * {@link PasswordChecksBusyException}, so the login form's failure handler sees it too.
   */
  private Authentication checkWithinCapacity(Authentication request) {
    try {
      work.refuseIfFull(); // before the account is even loaded
      return provider.authenticate(request);
    } catch (PasswordWork.Busy e) {
      throw new PasswordChecksBusyException(e);
    }
  }

  AuthenticationManager manager() {
    return manager;
  }

  /** Authenticates or throws an {@code AuthenticationException}. */
  Authentication authenticate(String email, String password) {
    return manager.authenticate(
        UsernamePasswordAuthenticationToken.unauthenticated(email, password));
  }
}
