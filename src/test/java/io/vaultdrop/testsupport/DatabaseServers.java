package io.vaultdrop.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.opentest4j.TestAbortedException;

/**
 * Finds the database servers tests use and creates or drops databases on them. PostgreSQL: the
 * server at 127.0.0.1:5432 (user {@code postgres}, trust auth), else one embedded (zonky)
 * PostgreSQL per JVM. MariaDB: the server at 127.0.0.1:3306 (user {@code root}, empty password).
 * With {@code CI=true} a missing server is a failure, never a fallback or a skip.
 */
final class DatabaseServers {

  static final String POSTGRES_URL =
      env("VAULTDROP_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/");
  static final String MARIADB_URL =
      env("VAULTDROP_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/");

  /** Base URL (ending in '/'), user and password of a server; append a database name. */
  record Server(String baseUrl, String username, String password) {

    Connection connect(String database) throws SQLException {
      return DriverManager.getConnection(baseUrl + database, username, password);
    }

    void execute(String adminDatabase, String sql) {
      try (Connection connection = connect(adminDatabase);
          Statement statement = connection.createStatement()) {
        statement.execute(sql);
      } catch (SQLException e) {
        throw new IllegalStateException("Test database statement failed: " + sql, e);
      }
    }
  }

  private DatabaseServers() {}

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  static boolean onCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  static Server postgres() {
    Server local = new Server(POSTGRES_URL, "postgres", "");
    if (answers(local, "postgres?connectTimeout=3")) {
      return local;
    }
    if (onCi()) {
      throw new IllegalStateException(
          "CI=true but no PostgreSQL answers at " + POSTGRES_URL + " (user postgres); start one");
    }
    return EmbeddedHolder.SERVER;
  }

  static Server mariadb() {
    Server local = new Server(MARIADB_URL, "root", "");
    if (answers(local, "?connectTimeout=3000")) {
      return local;
    }
    if (onCi()) {
      throw new IllegalStateException(
          "CI=true but no MariaDB answers at " + MARIADB_URL + " (user root); start one");
    }
    throw new TestAbortedException(
        "No MariaDB answers at "
            + MARIADB_URL
            + " (user root, empty password): MariaDB tests skipped."
            + " Start one to run them; with CI=true this is a failure.");
  }

  private static boolean answers(Server server, String database) {
    try (Connection connection = server.connect(database)) {
      return connection.isValid(3);
    } catch (SQLException e) {
      return false;
    }
  }

  /** One embedded PostgreSQL for the whole JVM, started on first use, stopped at exit. */
  private static final class EmbeddedHolder {
    static final Server SERVER = start();

    private static Server start() {
      try {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(postgres)));
        return new Server(
            "jdbc:postgresql://localhost:" + postgres.getPort() + "/", "postgres", "postgres");
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
      }
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
      try {
        postgres.close();
      } catch (IOException e) {
        System.err.println("Embedded PostgreSQL did not stop cleanly: " + e);
      }
    }
  }
}
