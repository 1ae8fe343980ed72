package io.vaultdrop.ratelimit;

import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.errors.RetryLaterException;
import java.time.Duration;

/** 429 {@code rate_limited}, with {@code Retry-After} (see {@link RetryLaterException}). */
public final class RateLimitedException extends RetryLaterException {

  public RateLimitedException(Duration retryAfter) {
    super(ErrorCode.RATE_LIMITED, "problem.rate-limited", retryAfter);
  }
}
