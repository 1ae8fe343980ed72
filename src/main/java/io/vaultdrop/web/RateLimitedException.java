package io.vaultdrop.web;

import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** 429 {@code rate_limited}; the response carries {@code Retry-After} in whole seconds (≥ 1). */
public final class RateLimitedException extends ApiException {

  private final Duration retryAfter;

  public RateLimitedException(Duration retryAfter) {
    super(
        HttpStatus.TOO_MANY_REQUESTS,
        "rate_limited",
        "Too Many Requests",
        "Too many requests; try again later.");
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

  @Override
  public HttpHeaders headers() {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds()));
    return headers;
  }
}
