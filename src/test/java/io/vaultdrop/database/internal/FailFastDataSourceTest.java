package io.vaultdrop.database.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.vaultdrop.config.InvalidSettingException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FailFastDataSourceTest {

  private static final DatabaseTimeouts DEFAULTS =
      new DatabaseTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(30));

  @Test
  void postgres_getsConnectSocketAndStatementTimeouts() {
    HikariDataSource pool = configured("jdbc:postgresql://db:5432/vaultdrop");
    assertThat(pool.getConnectionTimeout()).isEqualTo(3_000);
    assertThat(pool.getValidationTimeout()).isEqualTo(1_000);
    assertThat(pool.getDataSourceProperties())
        .containsEntry("connectTimeout", "3")
        .containsEntry("socketTimeout", "40")
        .containsEntry("options", "-c statement_timeout=30000");
  }

  @Test
  void mariadb_countsInMilliseconds() {
    HikariDataSource pool = configured("jdbc:mariadb://db:3306/vaultdrop");
    assertThat(pool.getDataSourceProperties())
        .containsEntry("connectTimeout", "3000")
        .containsEntry("socketTimeout", "30000")
        .doesNotContainKey("options");
  }

  @Test
  void aDriverPropertyInTheUrl_wins() {
    HikariDataSource pool =
        configured("jdbc:postgresql://db:5432/vaultdrop?sslmode=require&socketTimeout=300");
    assertThat(pool.getDataSourceProperties())
        .doesNotContainKey("socketTimeout")
        .containsKey("connectTimeout");
  }

  @Test
  void h2File_writesEachCommit_andEvictsTheClosedDatabase() {
    HikariDataSource file = configured("jdbc:h2:file:./data/db/vaultdrop");
    assertThat(file.getDataSourceProperties())
        .containsEntry("WRITE_DELAY", "0")
        .containsEntry("DB_CLOSE_ON_EXIT", "FALSE");
    assertThat(file.getExceptionOverride()).isInstanceOf(H2ClosedDatabaseEviction.class);
    assertThat(configured("jdbc:h2:mem:test").getDataSourceProperties()).isEmpty();
  }

  @Test
  void timeoutsOutOfRange_stopStartUp_namingTheVariable() {
    assertThatThrownBy(() -> new DatabaseTimeouts(Duration.ofMillis(100), Duration.ofSeconds(30)))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageStartingWith("VAULTDROP_DATABASE_CONNECT_TIMEOUT");
    assertThatThrownBy(() -> new DatabaseTimeouts(Duration.ofSeconds(3), Duration.ZERO))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageStartingWith("VAULTDROP_DATABASE_STATEMENT_TIMEOUT");
  }

  private static HikariDataSource configured(String url) {
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl(url);
    FailFastDataSource.configure(pool, DEFAULTS);
    return pool;
  }
}
