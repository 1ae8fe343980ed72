package io.vaultdrop.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.testsupport.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

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

  @AfterEach
  void theBudgetsAreInTheTable() {
    JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rate_limit_buckets", Integer.class))
        .isPositive();
  }
}
