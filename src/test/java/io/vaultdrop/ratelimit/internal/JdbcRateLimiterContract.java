package io.vaultdrop.ratelimit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.ratelimit.RateLimitPolicy;
import io.vaultdrop.ratelimit.RateLimiter;
import io.vaultdrop.testsupport.MutableClock;
import io.vaultdrop.testsupport.TestDatabase;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The contract on a database, plus the sweep of full budgets, per vendor. */
abstract class JdbcRateLimiterContract extends RateLimiterContract {

  protected abstract TestDatabase database();

  private JdbcTemplate jdbc() {
    database().migrate();
    return new JdbcTemplate(database().dataSource());
  }

  @Override
  protected RateLimiter node(MutableClock clock, BudgetKeys keys) {
    return new JdbcRateLimiter(jdbc(), keys, clock);
  }

  @Test
  void sweep_deletesFullBudgets_keepsTheOthers() {
    RateLimitPolicy policy =
        new RateLimitPolicy("sweep-" + UUID.randomUUID(), 2, Duration.ofHours(1));
    RateLimiter limiter = secondNode();
    limiter.consume(policy, "refilled");
    clock.advance(Duration.ofMinutes(31));
    limiter.consume(policy, "busy");

    new RateLimitSweeper(jdbc(), clock).deleteFull();

    assertThat(
            jdbc()
                .queryForObject(
                    "SELECT COUNT(*) FROM rate_limit_buckets WHERE policy = ?",
                    Integer.class,
                    policy.name()))
        .isEqualTo(1);
  }
}
