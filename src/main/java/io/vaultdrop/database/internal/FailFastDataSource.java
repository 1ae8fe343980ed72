package io.vaultdrop.database.internal;

import com.zaxxer.hikari.HikariDataSource;
import io.vaultdrop.database.DatabaseVendor;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Gives the connection pool the {@link DatabaseTimeouts} before it starts, so that a request fails
 * within seconds when the database is unreachable instead of waiting the pool's default 30 s, and a
 * connection that lost its server is given up: the pool's wait and validation, and the driver's
 * connect and socket timeouts per vendor. A driver property already in {@code
 * SPRING_DATASOURCE_URL} wins over ours.
 *
 * <p>On the embedded H2 every commit reaches the file before it returns, and the pool drops every
 * connection once H2 reports its database closed ({@link H2ClosedDatabaseEviction}), so the node
 * recovers from a full disk by itself and loses nothing it confirmed. H2 does not close the
 * database from its own shutdown hook: requests that run while the node drains still reach it.
 */
final class FailFastDataSource implements BeanPostProcessor {

  private final ObjectProvider<DatabaseTimeouts> timeouts;

  FailFastDataSource(ObjectProvider<DatabaseTimeouts> timeouts) {
    this.timeouts = timeouts;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null) {
      configure(pool, timeouts.getObject());
    }
    return bean;
  }

  static void configure(HikariDataSource pool, DatabaseTimeouts timeouts) {
    pool.setConnectionTimeout(timeouts.connectTimeout().toMillis());
    pool.setValidationTimeout(timeouts.validationTimeout().toMillis());
    Optional<DatabaseVendor> vendor = DatabaseVendor.ofUrl(pool.getJdbcUrl());
    if (vendor.isEmpty()) {
      return;
    }
    Map<String, String> properties = driverProperties(vendor.get(), timeouts);
    if (vendor.get() == DatabaseVendor.H2
        && pool.getJdbcUrl().toLowerCase(Locale.ROOT).contains(":mem:")) {
      properties = Map.of(); // nothing is written to a file
    }
    properties.forEach(
        (name, value) -> {
          if (!inUrl(pool.getJdbcUrl(), name)) {
            pool.addDataSourceProperty(name, value);
          }
        });
    if (vendor.get() == DatabaseVendor.H2) {
      pool.setExceptionOverride(new H2ClosedDatabaseEviction(pool));
    }
  }

  /** The driver properties that bound connecting and waiting for a statement. */
  static Map<String, String> driverProperties(DatabaseVendor vendor, DatabaseTimeouts timeouts) {
    Duration statement = timeouts.statementTimeout();
    return switch (vendor) {
      // PgJDBC counts in seconds; statement_timeout in milliseconds.
      case POSTGRESQL ->
          Map.of(
              "connectTimeout", String.valueOf(seconds(timeouts.connectTimeout())),
              "socketTimeout",
                  String.valueOf(seconds(statement.plus(DatabaseTimeouts.SOCKET_MARGIN))),
              "options", "-c statement_timeout=" + statement.toMillis());
      // MariaDB Connector/J counts in milliseconds.
      case MARIADB ->
          Map.of(
              "connectTimeout", String.valueOf(timeouts.connectTimeout().toMillis()),
              "socketTimeout", String.valueOf(statement.toMillis()));
      // A file database writes each commit to its file before the commit returns (H2 would
      // otherwise keep it in memory for up to 500 ms): with a full disk the commit fails and the
      // client is told, instead of a 201 for rows that vanish when H2 closes the database.
      // H2's own shutdown hook would close the database the moment a SIGTERM arrives, while the
      // node still drains its transfers (web/drain): the pool closes it last, on shutdown.
      case H2 -> Map.of("WRITE_DELAY", "0", "DB_CLOSE_ON_EXIT", "FALSE");
    };
  }

  private static long seconds(Duration duration) {
    return Math.max(1, (duration.toMillis() + 999) / 1000);
  }

  private static boolean inUrl(String url, String property) {
    String lower = url.toLowerCase(Locale.ROOT);
    String name = property.toLowerCase(Locale.ROOT) + "=";
    return lower.contains("?" + name) || lower.contains("&" + name) || lower.contains(";" + name);
  }
}
