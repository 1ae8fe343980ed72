package io.vaultdrop.ratelimit.internal;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.vaultdrop.ratelimit.RateLimitPolicy;
import io.vaultdrop.ratelimit.RateLimitedException;
import io.vaultdrop.ratelimit.RateLimiter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-process limiter of the single-node default before budgets moved into the database, kept
 * unchanged (but for its name) as {@link RateLimiterBenchmark}'s baseline: buckets bounded in
 * number per policy (least recently used evicted first), keys hashed with SHA-256.
 */
final class InMemoryBuckets implements RateLimiter {

  static final int MAX_KEYS_PER_POLICY = 100_000;

  private final Map<String, Map<String, Bucket>> tables = new ConcurrentHashMap<>();

  @Override
  public void consume(RateLimitPolicy policy, String key) {
    ConsumptionProbe probe = bucket(policy, key).tryConsumeAndReturnRemaining(1);
    if (!probe.isConsumed()) {
      throw new RateLimitedException(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
  }

  @Override
  public void ensureAvailable(RateLimitPolicy policy, String key) {
    EstimationProbe estimate = bucket(policy, key).estimateAbilityToConsume(1);
    if (!estimate.canBeConsumed()) {
      throw new RateLimitedException(Duration.ofNanos(estimate.getNanosToWaitForRefill()));
    }
  }

  @Override
  public void refund(RateLimitPolicy policy, String key) {
    bucket(policy, key).addTokens(1);
  }

  @Override
  public void reset(RateLimitPolicy policy, String key) {
    Map<String, Bucket> table = table(policy);
    synchronized (table) {
      table.remove(hash(key));
    }
  }

  /** Number of buckets kept for a policy (for tests of the bound). */
  int size(RateLimitPolicy policy) {
    Map<String, Bucket> table = table(policy);
    synchronized (table) {
      return table.size();
    }
  }

  private Bucket bucket(RateLimitPolicy policy, String key) {
    Map<String, Bucket> table = table(policy);
    synchronized (table) {
      return table.computeIfAbsent(
          hash(key),
          ignored ->
              Bucket.builder()
                  .addLimit(
                      Bandwidth.builder()
                          .capacity(policy.capacity())
                          .refillGreedy(policy.capacity(), policy.period())
                          .build())
                  .build());
    }
  }

  private Map<String, Bucket> table(RateLimitPolicy policy) {
    return tables.computeIfAbsent(
        policy.name(),
        ignored ->
            new LinkedHashMap<>(1024, 0.75f, true) {
              @Override
              protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > MAX_KEYS_PER_POLICY;
              }
            });
  }

  private static String hash(String key) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
