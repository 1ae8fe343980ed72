package io.vaultdrop.ratelimit;

import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
import java.time.Duration;

/**
 * 429 {@code rate_limited}; the web layer adds {@code Retry-After} in whole seconds (≥ 1), from
 * {@link #retryAfterSeconds()}.
 */
public final class RateLimitedException extends DomainException {

  private final Duration retryAfter;

  public RateLimitedException(Duration retryAfter) {
    super(ErrorCode.RATE_LIMITED, "Too many requests; try again later.");
    if (retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must not be negative");
    }
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  /** Whole seconds, rounded up, at least 1. */
  public long retryAfterSeconds() {
    long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
    return Math.max(1, seconds);
  }
}
