package io.vaultdrop.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.errors.DomainException;
import io.vaultdrop.ratelimit.RateLimitedException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProblemHeadersTest {

  @Test
  void rateLimited_carriesRetryAfterInWholeSeconds() {
    assertThat(
            ProblemHeaders.of(new RateLimitedException(Duration.ofSeconds(60)))
                .getFirst("Retry-After"))
        .isEqualTo("60");
    assertThat(
            ProblemHeaders.of(new RateLimitedException(Duration.ofMillis(1)))
                .getFirst("Retry-After"))
        .isEqualTo("1");
  }

  @Test
  void otherFailures_carryNoHeaders() {
    assertThat(ProblemHeaders.of(DomainException.notFound()).isEmpty()).isTrue();
  }
}
