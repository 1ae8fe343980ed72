package io.vaultdrop.ratelimit.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vaultdrop.ratelimit.RateLimitPolicy;
import io.vaultdrop.ratelimit.RateLimitedException;
import io.vaultdrop.ratelimit.RateLimiter;
import java.util.Map;

/**
 * Counts every refusal of the wrapped limiter ({@code vaultdrop_rate_limited_total}), whichever
 * store it uses. Labels: {@code policy}, the budget's name, and {@code feature}, the feature the
 * budget belongs to by its name's first word ({@code share-download} → {@code shares}; accounts'
 * budgets → {@code accounts}; anything else → {@code other}). The key (an account, a client
 * address) is never a label.
 */
final class CountingRateLimiter implements RateLimiter, AutoCloseable {

  static final String METRIC = "vaultdrop.rate.limited";

  private static final Map<String, String> FEATURES =
      Map.ofEntries(
          Map.entry("share", "shares"),
          Map.entry("capsule", "capsules"),
          Map.entry("tool", "tool"),
          Map.entry("vault", "vault"),
          Map.entry("library", "library"),
          Map.entry("upload", "uploads"),
          Map.entry("login", "accounts"),
          Map.entry("register", "accounts"),
          Map.entry("resend", "accounts"),
          Map.entry("password", "accounts"));

  private final RateLimiter delegate;
  private final MeterRegistry registry;

  CountingRateLimiter(RateLimiter delegate, MeterRegistry registry) {
    this.delegate = delegate;
    this.registry = registry;
  }

  @Override
  public void consume(RateLimitPolicy policy, String key) {
    try {
      delegate.consume(policy, key);
    } catch (RateLimitedException e) {
      refused(policy);
      throw e;
    }
  }

  @Override
  public void ensureAvailable(RateLimitPolicy policy, String key) {
    try {
      delegate.ensureAvailable(policy, key);
    } catch (RateLimitedException e) {
      refused(policy);
      throw e;
    }
  }

  @Override
  public void refund(RateLimitPolicy policy, String key) {
    delegate.refund(policy, key);
  }

  @Override
  public void reset(RateLimitPolicy policy, String key) {
    delegate.reset(policy, key);
  }

  /** Closes the store's connections (Redis) when the context stops. */
  @Override
  public void close() throws Exception {
    if (delegate instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  private void refused(RateLimitPolicy policy) {
    Counter.builder(METRIC)
        .description("Requests refused by a rate-limit budget")
        .tag("policy", policy.name())
        .tag("feature", featureOf(policy.name()))
        .register(registry)
        .increment();
  }

  static String featureOf(String policyName) {
    int dash = policyName.indexOf('-');
    String first = dash < 0 ? policyName : policyName.substring(0, dash);
    return FEATURES.getOrDefault(first, "other");
  }
}
