package io.vaultdrop.ratelimit;

/**
 * Per-key attempt budgets (Bucket4j token buckets). Keys are e.g. an account or a client address;
 * they are hashed before being kept, so the limiter holds no e-mail addresses.
 */
public interface RateLimiter {

  /**
   * Takes one attempt from the key's budget, or throws {@link
   * io.vaultdrop.ratelimit.RateLimitedException}.
   */
  void consume(RateLimitPolicy policy, String key);

  /**
   * Throws {@link io.vaultdrop.ratelimit.RateLimitedException} when the key has no attempt left;
   * takes nothing.
   */
  void ensureAvailable(RateLimitPolicy policy, String key);

  /** Gives one attempt back (never above the capacity), e.g. when the attempt turned out fine. */
  void refund(RateLimitPolicy policy, String key);

  /** Forgets the key, e.g. after a successful login. */
  void reset(RateLimitPolicy policy, String key);
}
