package io.vaultdrop.accounts.security;

import io.vaultdrop.ratelimit.RateLimitPolicy;
import io.vaultdrop.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Limits failed logins per account and per client address (login form and token endpoint alike).
 * Only failures spend the budget, and it refills steadily: after five wrong passwords an account
 * gets one more try a minute, so an attacker is slowed to a crawl while the real user is never
 * locked out for long. A success clears the account's budget.
 */
@Component
final class LoginThrottle {

  static final RateLimitPolicy PER_ACCOUNT =
      new RateLimitPolicy("login-account", 5, Duration.ofMinutes(5));
  static final RateLimitPolicy PER_ADDRESS =
      new RateLimitPolicy("login-address", 30, Duration.ofMinutes(10));

  private final RateLimiter limiter;

  LoginThrottle(RateLimiter limiter) {
    this.limiter = limiter;
  }

  /** Throws {@code RateLimitedException} when either budget is spent. */
  void ensureAllowed(String email, String clientAddress) {
    limiter.ensureAvailable(PER_ADDRESS, clientAddress);
    limiter.ensureAvailable(PER_ACCOUNT, accountKey(email));
  }

  void failed(String email, String clientAddress) {
    spend(PER_ADDRESS, clientAddress);
    spend(PER_ACCOUNT, accountKey(email));
  }

  void succeeded(String email) {
    limiter.reset(PER_ACCOUNT, accountKey(email));
  }

  private void spend(RateLimitPolicy policy, String key) {
    try {
      limiter.consume(policy, key);
    } catch (RuntimeException alreadyEmpty) {
      // Nothing left to spend; the next attempt is refused by ensureAllowed.
    }
  }

  private static String accountKey(String email) {
    return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
  }
}
