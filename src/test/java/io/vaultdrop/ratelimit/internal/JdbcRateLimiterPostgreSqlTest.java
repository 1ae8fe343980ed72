package io.vaultdrop.ratelimit.internal;

import io.vaultdrop.ratelimit.RateLimiter;
import io.vaultdrop.testsupport.MutableClock;
import io.vaultdrop.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

class JdbcRateLimiterPostgreSqlTest extends RateLimiterContract {

  @RegisterExtension static final TestDatabase db = TestDatabase.postgres();

  @Override
  protected RateLimiter node(MutableClock clock, BudgetKeys keys) {
    db.migrate();
    return new JdbcRateLimiter(new JdbcTemplate(db.dataSource()), keys, clock);
  }
}
