package io.vaultdrop.ratelimit.internal;

import io.vaultdrop.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcRateLimiterPostgreSqlTest extends JdbcRateLimiterContract {

  @RegisterExtension static final TestDatabase db = TestDatabase.postgres();

  @Override
  protected TestDatabase database() {
    return db;
  }
}
