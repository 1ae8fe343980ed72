package io.vaultdrop.ratelimit.internal;

import io.vaultdrop.ratelimit.RateLimitPolicy;
import io.vaultdrop.ratelimit.RateLimitedException;
import io.vaultdrop.ratelimit.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Budgets in the shared database ({@code rate_limit_buckets}, V17), the same SQL on H2, PostgreSQL
 * and MariaDB/MySQL. A budget is one instant, when it is full again (GCRA: a token bucket with
 * greedy refill kept in one number). An allowed attempt is one conditional {@code UPDATE}, atomic
 * on every vendor, so nodes never lose each other's attempts; a key's first attempt inserts its
 * row.
 *
 * <p>Time is the node's clock: nodes are expected to keep time (NTP); a skew of a second moves a
 * budget by a second. Database errors propagate (fail closed, see {@link RateLimiter}).
 */
final class JdbcRateLimiter implements RateLimiter {

  /** Rounds of update, read, insert when other nodes race on the same key; then refused. */
  private static final int ROUNDS = 3;

  private static final String TAKE =
      "UPDATE rate_limit_buckets SET full_at_us = GREATEST(full_at_us, ?) + ?"
          + " WHERE policy = ? AND key_hash = ? AND full_at_us <= ?";
  private static final String READ =
      "SELECT full_at_us FROM rate_limit_buckets WHERE policy = ? AND key_hash = ?";
  private static final String CREATE =
      "INSERT INTO rate_limit_buckets (policy, key_hash, full_at_us) VALUES (?, ?, ?)";
  private static final String GIVE_BACK =
      "UPDATE rate_limit_buckets SET full_at_us = full_at_us - ?"
          + " WHERE policy = ? AND key_hash = ? AND full_at_us > ?";
  private static final String FORGET =
      "DELETE FROM rate_limit_buckets WHERE policy = ? AND key_hash = ?";

  private final JdbcTemplate jdbc;
  private final BudgetKeys keys;
  private final Clock clock;

  JdbcRateLimiter(JdbcTemplate jdbc, BudgetKeys keys, Clock clock) {
    this.jdbc = jdbc;
    this.keys = keys;
    this.clock = clock;
  }

  @Override
  public void consume(RateLimitPolicy policy, String key) {
    String hash = keys.of(key);
    long interval = interval(policy);
    for (int round = 0; round < ROUNDS; round++) {
      long now = nowMicros();
      long latest = latestAdmitting(policy, now);
      if (jdbc.update(TAKE, now, interval, policy.name(), hash, latest) == 1) {
        return;
      }
      Long fullAt = fullAt(policy, hash);
      if (fullAt == null) {
        try {
          jdbc.update(CREATE, policy.name(), hash, now + interval);
          return;
        } catch (DuplicateKeyException anotherNodeWasFirst) {
          continue;
        }
      }
      if (fullAt > latest) {
        throw limited(fullAt - latest);
      }
      // Refilled or refunded between the two statements: take it again.
    }
    throw limited(interval);
  }

  @Override
  public void ensureAvailable(RateLimitPolicy policy, String key) {
    Long fullAt = fullAt(policy, keys.of(key));
    long latest = latestAdmitting(policy, nowMicros());
    if (fullAt != null && fullAt > latest) {
      throw limited(fullAt - latest);
    }
  }

  @Override
  public void refund(RateLimitPolicy policy, String key) {
    // A budget whose instant has passed is full: the condition keeps it from going above capacity.
    jdbc.update(GIVE_BACK, interval(policy), policy.name(), keys.of(key), nowMicros());
  }

  @Override
  public void reset(RateLimitPolicy policy, String key) {
    jdbc.update(FORGET, policy.name(), keys.of(key));
  }

  private @Nullable Long fullAt(RateLimitPolicy policy, String hash) {
    List<Long> found = jdbc.queryForList(READ, Long.class, policy.name(), hash);
    return found.isEmpty() ? null : found.getFirst();
  }

  private long nowMicros() {
    Instant now = clock.instant();
    return ChronoUnit.MICROS.between(Instant.EPOCH, now);
  }

  /** Microseconds per attempt: the period over the capacity, rounded up. */
  static long interval(RateLimitPolicy policy) {
    long period = Math.max(1, policy.period().toNanos() / 1_000);
    return Math.max(1, (period + policy.capacity() - 1) / policy.capacity());
  }

  /** The latest "full again" instant at which one more attempt still fits. */
  private static long latestAdmitting(RateLimitPolicy policy, long now) {
    return now + (policy.capacity() - 1) * interval(policy);
  }

  private static RateLimitedException limited(long micros) {
    return new RateLimitedException(Duration.of(micros, ChronoUnit.MICROS));
  }
}
