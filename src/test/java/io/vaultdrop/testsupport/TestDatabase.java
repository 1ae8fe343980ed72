package io.vaultdrop.testsupport;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vaultdrop.database.VendorPlaceholders;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A fresh, empty database of its own for one test class: H2 in memory, PostgreSQL or MariaDB. The
 * database gets a unique name and is dropped after the class.
 *
 * <ul>
 *   <li>PostgreSQL: a new database on the server at 127.0.0.1:5432 when one answers, otherwise on
 *       an embedded PostgreSQL (zonky) started once per JVM.
 *   <li>MariaDB: a new database on the server at 127.0.0.1:3306; without one the test is skipped
 *       with a message (a JUnit assumption).
 *   <li>With {@code CI=true} a missing PostgreSQL or MariaDB server fails the test: never a skip,
 *       never a fallback.
 * </ul>
 *
 * <p>Plain JDBC or Flyway test:
 *
 * <pre>{@code
 * @RegisterExtension static final TestDatabase db = TestDatabase.postgres();
 *
 * @BeforeAll static void schema() { db.migrate(); }
 * @Test void something() { new JdbcTemplate(db.dataSource()).update(...); }
 * }</pre>
 *
 * <p>{@code @SpringBootTest} on that database (Spring Boot runs the migrations itself):
 *
 * <pre>{@code
 * @SpringBootTest
 * class MyFeatureOnMariaDbTest {
 *   @RegisterExtension static final TestDatabase db = TestDatabase.mariadb();
 *   @DynamicPropertySource static void database(DynamicPropertyRegistry r) { db.register(r); }
 * }
 * }</pre>
 */
public final class TestDatabase implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

  /** Which database engine. */
  public enum Kind {
    H2,
    POSTGRESQL,
    MARIADB
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Kind kind;
  private final String name;
  private DatabaseServers.Server server;
  private HikariDataSource dataSource;
  private boolean closed;
  private boolean migrated;

  private TestDatabase(Kind kind) {
    this.kind = kind;
    byte[] suffix = new byte[8];
    RANDOM.nextBytes(suffix);
    this.name = "vd_test_" + HexFormat.of().formatHex(suffix);
  }

  public static TestDatabase h2() {
    return new TestDatabase(Kind.H2);
  }

  public static TestDatabase postgres() {
    return new TestDatabase(Kind.POSTGRESQL);
  }

  public static TestDatabase mariadb() {
    return new TestDatabase(Kind.MARIADB);
  }

  public Kind kind() {
    return kind;
  }

  /** Creates the database (once); the extension calls it before the test class. */
  public synchronized TestDatabase start() {
    if (closed) {
      throw new IllegalStateException("test database " + name + " was already dropped");
    }
    if (dataSource != null) {
      return this;
    }
    String url =
        switch (kind) {
          case H2 -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
          case POSTGRESQL -> {
            server = DatabaseServers.postgres();
            server.execute("postgres", "CREATE DATABASE " + name);
            yield server.baseUrl() + name;
          }
          case MARIADB -> {
            server = DatabaseServers.mariadb();
            server.execute("", "CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
            yield server.baseUrl() + name;
          }
        };
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(username());
    config.setPassword(password());
    config.setMaximumPoolSize(8);
    config.setMinimumIdle(0);
    config.setPoolName(name);
    dataSource = new HikariDataSource(config);
    return this;
  }

  /** A pooled data source on this database. */
  public DataSource dataSource() {
    return start().dataSource;
  }

  public String url() {
    return start().dataSource.getJdbcUrl();
  }

  public String username() {
    return server == null ? "sa" : server.username();
  }

  public String password() {
    return server == null ? "" : server.password();
  }

  /**
   * Runs the application's Flyway migrations once, with the vendor placeholders Spring Boot uses.
   * Later calls do nothing.
   */
  public synchronized void migrate() {
    if (!migrated) {
      flyway().migrate();
      migrated = true;
    }
  }

  /** A Flyway configured exactly as the application's, on this database. */
  public Flyway flyway() {
    FluentConfiguration configuration =
        Flyway.configure().dataSource(dataSource()).locations("classpath:db/migration");
    new VendorPlaceholders().customize(configuration);
    return configuration.load();
  }

  /** Points Spring's datasource at this database, from a {@code @DynamicPropertySource}. */
  public void register(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", this::url);
    registry.add("spring.datasource.username", this::username);
    registry.add("spring.datasource.password", this::password);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  /** Closes the pool and drops the database. */
  @Override
  public synchronized void close() {
    if (dataSource == null || closed) {
      closed = true;
      return;
    }
    closed = true;
    if (kind == Kind.H2) {
      new JdbcTemplate(dataSource).execute("SHUTDOWN");
    }
    dataSource.close();
    switch (kind) {
      case H2 -> {}
      case POSTGRESQL ->
          server.execute("postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      case MARIADB -> server.execute("", "DROP DATABASE IF EXISTS " + name);
    }
  }
}
