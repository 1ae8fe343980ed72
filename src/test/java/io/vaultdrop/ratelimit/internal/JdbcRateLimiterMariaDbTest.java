package io.vaultdrop.ratelimit.internal;

import io.vaultdrop.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcRateLimiterMariaDbTest extends JdbcRateLimiterContract {

  @RegisterExtension static final TestDatabase db = TestDatabase.mariadb();

  @Override
  protected TestDatabase database() {
    return db;
  }
}
