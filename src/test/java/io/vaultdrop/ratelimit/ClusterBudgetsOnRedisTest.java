package io.vaultdrop.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.testsupport.TestDatabase;
import io.vaultdrop.testsupport.TestRedis;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two nodes on one MariaDB with {@code VAULTDROP_REDIS_URL}: budgets in Redis, none in the table.
 */
class ClusterBudgetsOnRedisTest extends ClusterBudgetsContract {

  @RegisterExtension static final TestDatabase db = TestDatabase.mariadb();

  @Override
  protected TestDatabase database() {
    return db;
  }

  @Override
  protected List<String> budgetStore() {
    return List.of("--vaultdrop.redis-url=" + TestRedis.url());
  }

  @AfterEach
  void nothingWentToTheDatabase() {
    JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rate_limit_buckets", Integer.class))
        .isZero();
  }
}
