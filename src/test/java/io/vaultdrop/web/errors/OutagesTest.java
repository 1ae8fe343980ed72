package io.vaultdrop.web.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.errors.ErrorCode;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;

class OutagesTest {

  @Test
  void noSpaceLeft_deepInTheCauses_isInsufficientStorage() {
    IOException enospc = new IOException("No space left on device");
    Exception wrapped =
        new IOException("database blob storage failed", new RuntimeException(enospc));
    assertThat(code(wrapped)).contains(ErrorCode.INSUFFICIENT_STORAGE);
    assertThat(Outages.of(wrapped).orElseThrow().evidence()).isSameAs(enospc);
  }

  @Test
  void fileSystemException_withTheReason_isInsufficientStorage() {
    assertThat(code(new FileSystemException("/data/x", null, "No space left on device")))
        .contains(ErrorCode.INSUFFICIENT_STORAGE);
  }

  @Test
  void suppressedFullDisk_counts() {
    IOException closing = new IOException("close failed");
    closing.addSuppressed(new IOException("Disk quota exceeded"));
    assertThat(code(closing)).contains(ErrorCode.INSUFFICIENT_STORAGE);
  }

  @Test
  void postgresAndMariaDbDiskFull_areInsufficientStorage() {
    assertThat(code(new SQLException("could not extend file", "53100")))
        .contains(ErrorCode.INSUFFICIENT_STORAGE);
    assertThat(code(new SQLException("The table 'blob_chunks' is full", "HY000", 1114)))
        .contains(ErrorCode.INSUFFICIENT_STORAGE);
  }

  @Test
  void fullDiskWins_overTheClosedDatabaseItCaused() {
    SQLException closed = new SQLException("The database has been closed", "90098", 90098);
    closed.addSuppressed(new IOException("No space left on device"));
    assertThat(code(closed)).contains(ErrorCode.INSUFFICIENT_STORAGE);
  }

  @Test
  void unreachableDatabase_isUnavailable() {
    assertThat(
            code(
                new CannotGetJdbcConnectionException(
                    "Failed to obtain JDBC Connection",
                    new SQLTransientConnectionException("request timed out after 3000ms"))))
        .contains(ErrorCode.UNAVAILABLE);
    assertThat(code(new IOException("x", new SQLException("I/O error", "08006"))))
        .contains(ErrorCode.UNAVAILABLE);
    assertThat(code(new SQLException("canceling statement due to statement timeout", "57014")))
        .contains(ErrorCode.UNAVAILABLE);
    assertThat(
            code(
                new UncategorizedSQLException(
                    "query", "SELECT 1", new SQLException("database closed", "90098", 90098))))
        .contains(ErrorCode.UNAVAILABLE);
  }

  @Test
  void otherFailures_areNoOutage() {
    assertThat(code(new IOException("broken pipe"))).isEmpty();
    assertThat(code(new DataIntegrityViolationException("duplicate key"))).isEmpty();
    assertThat(code(new SQLException("syntax error", "42601"))).isEmpty();
    assertThat(code(new IllegalStateException("bug"))).isEmpty();
  }

  @Test
  void causeCycles_end() {
    IOException a = new IOException("a");
    IOException b = new IOException("b", a);
    a.initCause(b);
    assertThat(code(a)).isEmpty();
  }

  private static Optional<ErrorCode> code(Throwable ex) {
    return Outages.of(ex).map(Outages.Outage::code);
  }
}
