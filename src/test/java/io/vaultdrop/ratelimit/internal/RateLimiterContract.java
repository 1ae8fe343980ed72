package io.vaultdrop.ratelimit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultdrop.crypto.MasterKey;
import io.vaultdrop.crypto.MasterKeyRing;
import io.vaultdrop.ratelimit.RateLimitPolicy;
import io.vaultdrop.ratelimit.RateLimitedException;
import io.vaultdrop.ratelimit.RateLimiter;
import io.vaultdrop.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RateLimiter} must do, run against each store (H2, PostgreSQL, MariaDB, Redis).
 * Each test uses fresh policy names and keys, so the tests of a class share one store. "Two nodes"
 * are two limiter instances on the same store and the same master key.
 */
abstract class RateLimiterContract {

  private static final MasterKeyRing RING = new MasterKeyRing(MasterKey.generate(), List.of());

  protected final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T08:00:00Z"));

  /** A limiter on this class's store; each call is another node. */
  protected abstract RateLimiter node(MutableClock clock, BudgetKeys keys);

  private final RateLimiter limiter = node(clock, new BudgetKeys(RING));

  private static RateLimitPolicy threePerHour() {
    return new RateLimitPolicy("test-" + UUID.randomUUID(), 3, Duration.ofHours(1));
  }

  private static RateLimitedException refused(Runnable call) {
    try {
      call.run();
    } catch (RateLimitedException e) {
      return e;
    }
    throw new AssertionError("the call was allowed");
  }

  protected RateLimiter secondNode() {
    return node(clock, new BudgetKeys(RING));
  }

  @Test
  void consume_beyondCapacity_isRefusedWithTheTimeToTheNextAttempt() {
    RateLimitPolicy policy = threePerHour();
    for (int i = 0; i < 3; i++) {
      limiter.consume(policy, "k");
    }
    assertThat(refused(() -> limiter.consume(policy, "k")).retryAfter())
        .isEqualTo(Duration.ofMinutes(20));
    clock.advance(Duration.ofMinutes(5));
    RateLimitedException later = refused(() -> limiter.consume(policy, "k"));
    assertThat(later.retryAfter()).isEqualTo(Duration.ofMinutes(15));
    assertThat(later.retryAfterSeconds()).isEqualTo(900);
  }

  @Test
  void budget_refillsOneAttemptPerPeriodOverCapacity_upToTheCapacity() {
    RateLimitPolicy policy = threePerHour();
    for (int i = 0; i < 3; i++) {
      limiter.consume(policy, "k");
    }
    clock.advance(Duration.ofMinutes(20));
    limiter.consume(policy, "k");
    assertThatThrownBy(() -> limiter.consume(policy, "k")).isInstanceOf(RateLimitedException.class);

    clock.advance(Duration.ofHours(5));
    for (int i = 0; i < 3; i++) {
      limiter.consume(policy, "k");
    }
    assertThatThrownBy(() -> limiter.consume(policy, "k")).isInstanceOf(RateLimitedException.class);
  }

  @Test
  void ensureAvailable_takesNothing_andKeysAndPoliciesAreIndependent() {
    RateLimitPolicy policy = threePerHour();
    RateLimitPolicy other = threePerHour();
    for (int i = 0; i < 10; i++) {
      limiter.ensureAvailable(policy, "a");
    }
    for (int i = 0; i < 3; i++) {
      limiter.consume(policy, "a");
    }
    assertThat(refused(() -> limiter.ensureAvailable(policy, "a")).retryAfter())
        .isEqualTo(Duration.ofMinutes(20));
    assertThatCode(() -> limiter.ensureAvailable(policy, "b")).doesNotThrowAnyException();
    assertThatCode(() -> limiter.consume(other, "a")).doesNotThrowAnyException();
  }

  @Test
  void refund_givesOneAttemptBack_neverAboveTheCapacity() {
    RateLimitPolicy policy = threePerHour();
    limiter.refund(policy, "fresh");
    limiter.refund(policy, "fresh");
    for (int i = 0; i < 3; i++) {
      limiter.consume(policy, "fresh");
    }
    assertThatThrownBy(() -> limiter.consume(policy, "fresh"))
        .isInstanceOf(RateLimitedException.class);

    limiter.refund(policy, "fresh");
    limiter.consume(policy, "fresh");
    assertThatThrownBy(() -> limiter.consume(policy, "fresh"))
        .isInstanceOf(RateLimitedException.class);
  }

  @Test
  void reset_restoresTheWholeBudget() {
    RateLimitPolicy policy = threePerHour();
    for (int i = 0; i < 3; i++) {
      limiter.consume(policy, "a");
    }
    limiter.reset(policy, "a");
    for (int i = 0; i < 3; i++) {
      limiter.consume(policy, "a");
    }
    assertThatThrownBy(() -> limiter.consume(policy, "a")).isInstanceOf(RateLimitedException.class);
    limiter.reset(policy, "never-used");
  }

  @Test
  void twoNodes_countAgainstOneBudget() {
    RateLimitPolicy logins =
        new RateLimitPolicy("login-" + UUID.randomUUID(), 5, Duration.ofMinutes(5));
    RateLimiter other = secondNode();
    for (int i = 0; i < 5; i++) {
      (i % 2 == 0 ? limiter : other).consume(logins, "user@example.org");
    }
    assertThatThrownBy(() -> limiter.consume(logins, "user@example.org"))
        .isInstanceOf(RateLimitedException.class);
    assertThatThrownBy(() -> other.consume(logins, "user@example.org"))
        .isInstanceOf(RateLimitedException.class);

    other.refund(logins, "user@example.org");
    limiter.consume(logins, "user@example.org");
    limiter.reset(logins, "user@example.org");
    other.consume(logins, "user@example.org");
  }

  @Test
  void concurrentAttemptsOnTwoNodes_admitExactlyTheCapacity() throws Exception {
    RateLimitPolicy policy =
        new RateLimitPolicy("burst-" + UUID.randomUUID(), 20, Duration.ofHours(1));
    List<RateLimiter> nodes = List.of(limiter, secondNode());
    List<Callable<Boolean>> attempts = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      RateLimiter node = nodes.get(i % 2);
      attempts.add(
          () -> {
            try {
              node.consume(policy, "hot");
              return true;
            } catch (RateLimitedException limited) {
              return false;
            }
          });
    }
    int allowed = 0;
    try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
      for (Future<Boolean> result : pool.invokeAll(attempts)) {
        allowed += result.get() ? 1 : 0;
      }
    }
    assertThat(allowed).isEqualTo(20);
  }
}
