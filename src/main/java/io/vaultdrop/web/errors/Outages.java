package io.vaultdrop.web.errors;

import io.vaultdrop.errors.ErrorCode;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;

/**
 * Recognises, anywhere among an exception's causes and suppressed exceptions, the outages a client
 * is told about truthfully instead of a 500: a full disk ({@code 507 insufficient_storage}) and a
 * database that cannot be reached or answers too late ({@code 503 unavailable}). A full disk wins:
 * H2 reports it as a failed write, and the next statement as "the database has been closed".
 *
 * <p>Java has no errno: a full disk is known by the JDK's message for {@code ENOSPC} ("No space
 * left on device") or {@code EDQUOT}, by PostgreSQL's SQLState {@code 53100} and by MariaDB's error
 * codes 1021 and 1114.
 */
final class Outages {

  /** The outage and the exception that shows it (for the log). */
  record Outage(ErrorCode code, Throwable evidence) {}

  private static final int MAX_EXCEPTIONS = 64;

  private Outages() {}

  static Optional<Outage> of(Throwable ex) {
    Throwable unavailable = null;
    for (Throwable t : chain(ex)) {
      if (isDiskFull(t)) {
        return Optional.of(new Outage(ErrorCode.INSUFFICIENT_STORAGE, t));
      }
      if (unavailable == null && isDatabaseUnavailable(t)) {
        unavailable = t;
      }
    }
    return Optional.ofNullable(unavailable).map(t -> new Outage(ErrorCode.UNAVAILABLE, t));
  }

  private static boolean isDiskFull(Throwable t) {
    if (t instanceof SQLException sql) {
      return "53100".equals(sql.getSQLState())
          || sql.getErrorCode() == 1021
          || sql.getErrorCode() == 1114
          || mentionsFullDisk(sql.getMessage());
    }
    if (t instanceof FileSystemException fs) {
      return mentionsFullDisk(fs.getReason());
    }
    return t instanceof IOException && mentionsFullDisk(t.getMessage());
  }

  private static boolean mentionsFullDisk(@Nullable String message) {
    if (message == null) {
      return false;
    }
    String lower = message.toLowerCase(Locale.ROOT);
    return lower.contains("no space left on device") || lower.contains("disk quota exceeded");
  }

  private static boolean isDatabaseUnavailable(Throwable t) {
    if (t instanceof DataAccessResourceFailureException
        || t instanceof TransientDataAccessResourceException
        || t instanceof QueryTimeoutException
        || t instanceof SQLTransientConnectionException
        || t instanceof SQLNonTransientConnectionException
        || t instanceof SQLRecoverableException
        || t instanceof SQLTimeoutException) {
      return true;
    }
    if (t instanceof SQLException sql && sql.getSQLState() != null) {
      String state = sql.getSQLState();
      // 08: connection exception; 57P0x: PostgreSQL shutting down or starting; 57014: statement
      // timeout; 53300: too many connections; 90098: H2's "the database has been closed".
      return state.startsWith("08")
          || state.startsWith("57P0")
          || state.equals("57014")
          || state.equals("53300")
          || state.equals("90098");
    }
    return false;
  }

  /** The exception, its causes and suppressed exceptions, each once, breadth first. */
  private static List<Throwable> chain(Throwable ex) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Throwable> queue = new ArrayDeque<>();
    queue.add(ex);
    List<Throwable> all = new ArrayList<>();
    while (!queue.isEmpty() && all.size() < MAX_EXCEPTIONS) {
      Throwable t = queue.poll();
      if (!seen.add(t)) {
        continue;
      }
      all.add(t);
      if (t.getCause() != null) {
        queue.add(t.getCause());
      }
      Collections.addAll(queue, t.getSuppressed());
      if (t instanceof SQLException sql && sql.getNextException() != null) {
        queue.add(sql.getNextException());
      }
    }
    return all;
  }
}
