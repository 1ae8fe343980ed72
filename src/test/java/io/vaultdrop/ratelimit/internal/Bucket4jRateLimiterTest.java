package io.vaultdrop.ratelimit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultdrop.ratelimit.RateLimitPolicy;
import io.vaultdrop.ratelimit.RateLimitedException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class Bucket4jRateLimiterTest {

  private static final RateLimitPolicy THREE_PER_HOUR =
      new RateLimitPolicy("test", 3, Duration.ofHours(1));
  private final Bucket4jRateLimiter limiter = new Bucket4jRateLimiter();

  @Test
  void consume_beyondCapacity_isRefusedWithRetryAfter() {
    for (int i = 0; i < 3; i++) {
      limiter.consume(THREE_PER_HOUR, "k");
    }
    assertThatThrownBy(() -> limiter.consume(THREE_PER_HOUR, "k"))
        .isInstanceOfSatisfying(
            RateLimitedException.class,
            e ->
                assertThat(e.retryAfter())
                    .isBetween(Duration.ofMinutes(15), Duration.ofMinutes(21)));
  }

  @Test
  void ensureAvailable_takesNothing_andKeysAreIndependent() {
    for (int i = 0; i < 10; i++) {
      limiter.ensureAvailable(THREE_PER_HOUR, "a");
    }
    for (int i = 0; i < 3; i++) {
      limiter.consume(THREE_PER_HOUR, "a");
    }
    assertThatThrownBy(() -> limiter.ensureAvailable(THREE_PER_HOUR, "a"))
        .isInstanceOf(RateLimitedException.class);
    assertThatCode(() -> limiter.ensureAvailable(THREE_PER_HOUR, "b")).doesNotThrowAnyException();
  }

  @Test
  void reset_restoresTheBudget() {
    for (int i = 0; i < 3; i++) {
      limiter.consume(THREE_PER_HOUR, "a");
    }
    limiter.reset(THREE_PER_HOUR, "a");
    assertThatCode(() -> limiter.consume(THREE_PER_HOUR, "a")).doesNotThrowAnyException();
  }

  @Test
  void floodingOnePolicy_neverEvictsAnotherPolicysBuckets() {
    RateLimitPolicy login = new RateLimitPolicy("login", 1, Duration.ofHours(1));
    RateLimitPolicy reads = new RateLimitPolicy("reads", 1, Duration.ofHours(1));
    limiter.consume(login, "victim@example.org");
    for (int i = 0; i <= Bucket4jRateLimiter.MAX_KEYS_PER_POLICY; i++) {
      limiter.consume(reads, "198.51.100." + i);
    }
    assertThat(limiter.size(reads)).isEqualTo(Bucket4jRateLimiter.MAX_KEYS_PER_POLICY);
    // The exhausted login budget survived the flood: it was not evicted and refilled.
    assertThatThrownBy(() -> limiter.consume(login, "victim@example.org"))
        .isInstanceOf(RateLimitedException.class);
  }
}
