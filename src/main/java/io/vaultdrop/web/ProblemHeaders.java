package io.vaultdrop.web;

import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.RetryLaterException;
import org.springframework.http.HttpHeaders;

/**
 * The response headers that belong to a {@link DomainException}, for the problem mapper and for
 * page controllers that answer a failure themselves: {@code Retry-After} in whole seconds (≥ 1) for
 * a {@link RetryLaterException} (rate limits, a full password-check pool, a draining node), {@code
 * Content-Range: bytes *&#47;<size>} for a {@link RangeNotSatisfiableException}; nothing otherwise.
 */
public final class ProblemHeaders {

  private ProblemHeaders() {}

  /** A fresh, mutable set of headers to add to the error response. */
  public static HttpHeaders of(DomainException exception) {
    HttpHeaders headers = new HttpHeaders();
    if (exception instanceof RetryLaterException later) {
      headers.set(HttpHeaders.RETRY_AFTER, Long.toString(later.retryAfterSeconds()));
    }
    if (exception instanceof RangeNotSatisfiableException range) {
      headers.set(HttpHeaders.CONTENT_RANGE, ByteRanges.unsatisfiedRange(range.size()));
    }
    return headers;
  }
}
