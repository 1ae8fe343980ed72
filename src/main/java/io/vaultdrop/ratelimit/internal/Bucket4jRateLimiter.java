package io.vaultdrop.ratelimit.internal;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.vaultdrop.ratelimit.RateLimitPolicy;
import io.vaultdrop.ratelimit.RateLimiter;
import io.vaultdrop.web.RateLimitedException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * In-process buckets, bounded in number (least recently used evicted first). One node's view: a
 * cluster shares budgets once a distributed Bucket4j backend is configured.
 */
@Component
final class Bucket4jRateLimiter implements RateLimiter {

  private static final int MAX_KEYS = 100_000;

  private final Map<String, Bucket> buckets =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
          return size() > MAX_KEYS;
        }
      };

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
    synchronized (buckets) {
      buckets.remove(id(policy, key));
    }
  }

  private Bucket bucket(RateLimitPolicy policy, String key) {
    synchronized (buckets) {
      return buckets.computeIfAbsent(
          id(policy, key),
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

  private static String id(RateLimitPolicy policy, String key) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return policy.name() + ':' + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
