package io.vaultdrop.ratelimit;

import java.time.Duration;

/**
 * A token bucket: {@code capacity} attempts at once, refilled gradually over {@code period}, so a
 * blocked caller gets one attempt back every {@code period / capacity}.
 */
public record RateLimitPolicy(String name, long capacity, Duration period) {

  public RateLimitPolicy {
    if (capacity <= 0 || period.isZero() || period.isNegative()) {
      throw new IllegalArgumentException("capacity and period must be positive");
    }
  }
}
