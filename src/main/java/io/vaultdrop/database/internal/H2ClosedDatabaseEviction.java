package io.vaultdrop.database.internal;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * When a write of the embedded H2 fails (a full disk), H2 closes the database, and every session
 * opened on it answers "The database has been closed" (error 90098) for good, while a new
 * connection opens the database file afresh. The pool keeps its connections, though, so the node
 * used to fail every request until a restart. On the first 90098 this drops the connection and
 * marks every other pooled one for eviction: the next request opens the database again, which
 * succeeds once space is free (until then it fails, and health says DOWN).
 */
final class H2ClosedDatabaseEviction implements SQLExceptionOverride {

  private static final int DATABASE_IS_CLOSED = 90098;

  private final HikariDataSource pool;

  H2ClosedDatabaseEviction(HikariDataSource pool) {
    this.pool = pool;
  }

  @java.lang.Override
  public Override adjudicate(SQLException e) {
    if (e.getErrorCode() != DATABASE_IS_CLOSED) {
      return Override.CONTINUE_EVICT;
    }
    HikariPoolMXBean running = pool.getHikariPoolMXBean();
    if (running != null) {
      running.softEvictConnections();
    }
    return Override.MUST_EVICT;
  }
}
