package io.vaultdrop.accounts.security;

import io.vaultdrop.ratelimit.ClientAddresses;
import io.vaultdrop.ratelimit.RateLimitPolicy;
import io.vaultdrop.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Limits failed logins per account and per client address (login form and token endpoint alike).
 * Every attempt takes from the budget up front and a right password gives it back, so only failures
 * cost in the end; the budget refills steadily: after five wrong passwords an account gets one more
 * try a minute, so an attacker is slowed to a crawl while the real user is never locked out for
 * long. A success clears the account's budget.
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

  /**
   * Takes one attempt from both budgets BEFORE the password is checked, so a burst of parallel
   * guesses cannot slip past while earlier ones are still hashing. Throws {@code
   * RateLimitedException} when either budget is spent (and then takes nothing).
   */
  void begin(String email, String clientAddress) {
    limiter.consume(PER_ADDRESS, ClientAddresses.budgetKey(clientAddress));
    try {
      limiter.consume(PER_ACCOUNT, accountKey(email));
    } catch (RuntimeException limited) {
      limiter.refund(PER_ADDRESS, ClientAddresses.budgetKey(clientAddress));
      throw limited;
    }
  }

  /** The password was right: the attempt is given back and the account's budget starts over. */
  void succeeded(String email, String clientAddress) {
    limiter.refund(PER_ADDRESS, ClientAddresses.budgetKey(clientAddress));
    limiter.reset(PER_ACCOUNT, accountKey(email));
  }

  private static String accountKey(String email) {
    return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
  }
}
