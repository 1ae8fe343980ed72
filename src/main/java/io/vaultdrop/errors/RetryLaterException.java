package io.vaultdrop.errors;

import java.time.Duration;

/**
 * A {@link DomainException} that a retry after a while resolves: the web layer adds {@code
 * Retry-After} in whole seconds (≥ 1), from {@link #retryAfterSeconds()}. Rate limits, a full
 * password-check pool and a draining node answer this way.
 */
public class RetryLaterException extends DomainException {

  private final Duration retryAfter;

  /** {@code detailKey}: see {@link DomainException}. */
  public RetryLaterException(ErrorCode code, String detailKey, Duration retryAfter) {
    super(code, detailKey);
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
