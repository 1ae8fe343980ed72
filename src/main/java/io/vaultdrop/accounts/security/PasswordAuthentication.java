package io.vaultdrop.accounts.security;

import io.vaultdrop.accounts.CurrentUser;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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

  static final int CONCURRENT_CHECKS = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());
  private static final Duration PERMIT_WAIT = Duration.ofSeconds(5);

  private final Semaphore checks = new Semaphore(CONCURRENT_CHECKS, true);
  private final DaoAuthenticationProvider provider;
  private final AuthenticationManager manager;

  PasswordAuthentication(AccountUserDetailsService users, PasswordEncoder encoder) {
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
   * Runs the password check while holding one of a few permits: Argon2id costs 19 MiB per check,
   * and with virtual threads nothing else bounds how many run at once.
   */
  private Authentication checkWithinCapacity(Authentication request) {
    boolean acquired;
    try {
      acquired = checks.tryAcquire(PERMIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PasswordChecksBusyException();
    }
    if (!acquired) {
      throw new PasswordChecksBusyException();
    }
    try {
      return provider.authenticate(request);
    } finally {
      checks.release();
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
