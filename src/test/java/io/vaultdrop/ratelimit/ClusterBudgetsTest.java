package io.vaultdrop.ratelimit;

import io.vaultdrop.testsupport.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two nodes on one PostgreSQL, budgets in the database (the default). */
class ClusterBudgetsTest extends ClusterBudgetsContract {

  @RegisterExtension static final TestDatabase db = TestDatabase.postgres();

  @Override
  protected TestDatabase database() {
    return db;
  }

  @Override
  protected List<String> budgetStore() {
    return List.of();
  }
}
