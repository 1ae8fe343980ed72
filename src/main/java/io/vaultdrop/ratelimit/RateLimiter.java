package io.vaultdrop.ratelimit;

/**
 * Per-key attempt budgets (token buckets), counted once for the whole cluster: every node keeps
 * them in the shared database, or in Redis when {@code VAULTDROP_REDIS_URL} is set. Keys are e.g.
 * an account or a client address; only a keyed hash of them is stored, so the store holds no e-mail
 * or client addresses.
 *
 * <p>Each call counts at once and on its own: call it outside a database transaction.
 *
 * <p>Fail closed: when the store cannot be reached every method throws (a {@link
 * org.springframework.dao.DataAccessException}, for the error mapping to answer 503), never lets
 * the attempt through silently. Every budgeted action needs the database anyway, and a limiter that
 * opened whenever its store is down would hand an attacker a way around it (the login throttle
 * above all).
 */
public interface RateLimiter {

  /**
   * Takes one attempt from the key's budget, or throws {@link
   * io.vaultdrop.ratelimit.RateLimitedException} (and takes nothing).
   */
  void consume(RateLimitPolicy policy, String key);

  /**
   * Throws {@link io.vaultdrop.ratelimit.RateLimitedException} when the key has no attempt left;
   * takes nothing.
   */
  void ensureAvailable(RateLimitPolicy policy, String key);

  /** Gives one attempt back (never above the capacity), e.g. when the attempt turned out fine. */
  void refund(RateLimitPolicy policy, String key);

  /** Forgets the key: its budget is full again, e.g. after a successful login. */
  void reset(RateLimitPolicy policy, String key);
}
