package io.vaultdrop.ratelimit;

import java.time.Duration;

/** Too many attempts: answered as {@code 429} with {@code Retry-After}. */
public final class RateLimitedException extends RuntimeException {

  private final Duration retryAfter;

  public RateLimitedException(Duration retryAfter) {
    super("Too many requests; try again later.");
    this.retryAfter = retryAfter;
  }

  /** How long until one more attempt is allowed, at least one second. */
  public Duration retryAfter() {
    return retryAfter.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : retryAfter;
  }
}
