package io.vaultdrop.ratelimit.internal;

import io.vaultdrop.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcRateLimiterH2Test extends JdbcRateLimiterContract {

  @RegisterExtension static final TestDatabase db = TestDatabase.h2();

  @Override
  protected TestDatabase database() {
    return db;
  }
}
