package io.vaultdrop.ratelimit;

import java.time.Duration;

/**
 * A token bucket: {@code capacity} attempts at once, refilled gradually over {@code period}, so a
 * blocked caller gets one attempt back every {@code period / capacity}. The name identifies the
 * budget across the cluster (at most 64 characters): two policies with one name share budgets.
 */
public record RateLimitPolicy(String name, long capacity, Duration period) {

  public RateLimitPolicy {
    if (name == null || name.isBlank() || name.length() > 64) {
      throw new IllegalArgumentException("name must have 1 to 64 characters");
    }
    if (capacity <= 0 || period.isZero() || period.isNegative()) {
      throw new IllegalArgumentException("capacity and period must be positive");
    }
  }
}
