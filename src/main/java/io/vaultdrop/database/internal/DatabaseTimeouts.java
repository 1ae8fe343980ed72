package io.vaultdrop.database.internal;

import io.vaultdrop.config.InvalidSettingException;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a request waits for the database before it is answered {@code 503 unavailable} ({@code
 * vaultdrop.database.*}, {@code VAULTDROP_DATABASE_*}).
 *
 * <p>Every statement Vaultdrop runs is small: the {@code database} blob backend reads and writes
 * one chunk (1 MiB) per statement and deletes chunks in batches, so a large transfer is many short
 * statements, never a long one. A statement limit of seconds therefore separates "the database is
 * gone or stuck" from "a big file is moving".
 *
 * @param connectTimeout {@code VAULTDROP_DATABASE_CONNECT_TIMEOUT}: the longest a request waits for
 *     a pooled connection, including opening a new one (the pool's {@code connectionTimeout} and
 *     the driver's connect timeout); 500ms to 1 minute
 * @param statementTimeout {@code VAULTDROP_DATABASE_STATEMENT_TIMEOUT}: the longest one statement
 *     may run. PostgreSQL ends it on the server ({@code statement_timeout}) and the connection
 *     gives up waiting 10 s later ({@code socketTimeout}); MariaDB/MySQL connections give up after
 *     this long ({@code socketTimeout}). The embedded H2 has no network to lose and no limit. 1 s
 *     to 1 hour
 */
@ConfigurationProperties("vaultdrop.database")
record DatabaseTimeouts(
    @DefaultValue("3s") Duration connectTimeout, @DefaultValue("30s") Duration statementTimeout) {

  /** What a PostgreSQL socket waits beyond the server's own statement limit. */
  static final Duration SOCKET_MARGIN = Duration.ofSeconds(10);

  DatabaseTimeouts {
    if (connectTimeout.compareTo(Duration.ofMillis(500)) < 0
        || connectTimeout.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new InvalidSettingException(
          "VAULTDROP_DATABASE_CONNECT_TIMEOUT (vaultdrop.database.connect-timeout)",
          "must be between 500ms and 1m");
    }
    if (statementTimeout.compareTo(Duration.ofSeconds(1)) < 0
        || statementTimeout.compareTo(Duration.ofHours(1)) > 0) {
      throw new InvalidSettingException(
          "VAULTDROP_DATABASE_STATEMENT_TIMEOUT (vaultdrop.database.statement-timeout)",
          "must be between 1s and 1h");
    }
  }

  /** How long the pool checks a borrowed idle connection: short, below the connect timeout. */
  Duration validationTimeout() {
    Duration half = connectTimeout.dividedBy(2);
    return half.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : half;
  }
}
