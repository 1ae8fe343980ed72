package io.vaultdrop.ratelimit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vaultdrop.crypto.MasterKey;
import io.vaultdrop.crypto.MasterKeyRing;
import io.vaultdrop.ratelimit.RateLimitPolicy;
import io.vaultdrop.ratelimit.RateLimitedException;
import io.vaultdrop.testsupport.MutableClock;
import io.vaultdrop.testsupport.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the budgets table holds, its sweep, and a database that is gone (H2). */
class RateLimitTableTest {

  @RegisterExtension static final TestDatabase db = TestDatabase.h2();

  private static final RateLimitPolicy LOGINS =
      new RateLimitPolicy("table-login", 5, Duration.ofMinutes(5));

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T08:00:00Z"));
  private final BudgetKeys keys =
      new BudgetKeys(new MasterKeyRing(MasterKey.generate(), List.of()));
  private final JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
  private final JdbcRateLimiter limiter = new JdbcRateLimiter(jdbc, keys, clock);

  @BeforeAll
  static void schema() {
    db.migrate();
  }

  @Test
  void rows_holdAKeyedHash_neverTheKey() {
    limiter.consume(LOGINS, "alice@example.org");
    limiter.consume(LOGINS, "203.0.113.7");
    List<Map<String, Object>> rows =
        jdbc.queryForList("SELECT * FROM rate_limit_buckets WHERE policy = ?", LOGINS.name());
    assertThat(rows).hasSize(2);
    assertThat(rows.toString()).doesNotContain("alice", "example.org", "203.0.113");
    assertThat(rows)
        .extracting(row -> (String) row.get("KEY_HASH"))
        .allMatch(hash -> hash.matches("[0-9a-f]{32}"));
    // Another master key (another installation) gives other hashes: nothing to look up.
    BudgetKeys other = new BudgetKeys(new MasterKeyRing(MasterKey.generate(), List.of()));
    assertThat(other.of("203.0.113.7")).isNotEqualTo(keys.of("203.0.113.7"));
  }

  @Test
  void sweep_deletesFullBudgetsOnly_andAFullBudgetBehavesAsNew() {
    RateLimitPolicy policy = new RateLimitPolicy("table-sweep", 2, Duration.ofMinutes(10));
    for (int i = 0; i < RateLimitSweeper.BATCH + 10; i++) {
      limiter.consume(policy, "refilled-" + i);
    }
    clock.advance(Duration.ofMinutes(6));
    limiter.consume(policy, "busy");
    limiter.consume(policy, "busy");

    new RateLimitSweeper(jdbc, clock).deleteFull();

    assertThat(rowsOf(policy)).isEqualTo(1);
    assertThatThrownBy(() -> limiter.consume(policy, "busy"))
        .isInstanceOf(RateLimitedException.class);
    limiter.consume(policy, "refilled-0");
    limiter.consume(policy, "refilled-0");
    assertThatThrownBy(() -> limiter.consume(policy, "refilled-0"))
        .isInstanceOf(RateLimitedException.class);
  }

  @Test
  void reset_deletesTheRow() {
    RateLimitPolicy policy = new RateLimitPolicy("table-reset", 2, Duration.ofMinutes(10));
    limiter.consume(policy, "bob@example.org");
    limiter.reset(policy, "bob@example.org");
    assertThat(rowsOf(policy)).isZero();
  }

  @Test
  void unreachableDatabase_failsEveryCall_neverAllows() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(db.url());
    config.setUsername(db.username());
    config.setPassword(db.password());
    HikariDataSource gone = new HikariDataSource(config);
    gone.close();
    JdbcRateLimiter down = new JdbcRateLimiter(new JdbcTemplate(gone), keys, clock);

    assertThatThrownBy(() -> down.consume(LOGINS, "carol@example.org"))
        .isInstanceOf(DataAccessException.class);
    assertThatThrownBy(() -> down.ensureAvailable(LOGINS, "carol@example.org"))
        .isInstanceOf(DataAccessException.class);
    assertThatThrownBy(() -> down.refund(LOGINS, "carol@example.org"))
        .isInstanceOf(DataAccessException.class);
    assertThatThrownBy(() -> down.reset(LOGINS, "carol@example.org"))
        .isInstanceOf(DataAccessException.class);
  }

  private int rowsOf(RateLimitPolicy policy) {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM rate_limit_buckets WHERE policy = ?", Integer.class, policy.name());
  }
}
