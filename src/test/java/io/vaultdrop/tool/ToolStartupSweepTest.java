package io.vaultdrop.tool;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.VaultdropApplication;
import io.vaultdrop.crypto.CipherSuite;
import io.vaultdrop.objects.internal.ObjectSweeper;
import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.testsupport.MutableClock;
import io.vaultdrop.tool.internal.KeyMode;
import io.vaultdrop.tool.internal.ToolJob;
import io.vaultdrop.tool.internal.ToolService;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The retention sweep runs at start-up: a server restarted after the retention finds an expired job
 * (row and blob) and deletes it before anything else, while a younger job stays. Scheduling is off,
 * so only the start-up run can have deleted it.
 */
class ToolStartupSweepTest {

  private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");

  @TempDir Path dataDir;

  @Test
  void expiredJob_isDeletedAtStartUp_youngerJobStays() throws Exception {
    String expiredId;
    String youngId;
    BlobId expiredBlob;
    BlobId youngBlob;
    ClockAt.instant = START;
    try (ConfigurableApplicationContext first = start()) {
      ToolService tool = first.getBean(ToolService.class);
      MutableClock clock = first.getBean(MutableClock.class);
      ToolJob expired = encrypt(tool, "old.txt");
      clock.advance(Duration.ofMinutes(50));
      ToolJob young = encrypt(tool, "young.txt");
      expiredId = expired.id();
      youngId = young.id();
      expiredBlob = expired.blobId();
      youngBlob = young.blobId();
    }

    ClockAt.instant = START.plus(Duration.ofMinutes(61));
    try (ConfigurableApplicationContext second = start()) {
      JdbcClient jdbc = second.getBean(JdbcClient.class);
      BlobStore blobs = second.getBean(BlobStore.class);
      assertThat(count(jdbc, expiredId)).isZero();
      assertThat(blobs.exists(expiredBlob)).isFalse();
      assertThat(count(jdbc, youngId)).isEqualTo(1);
      assertThat(blobs.exists(youngBlob)).isTrue();
    }
  }

  /**
   * The start-up sweep holds the cluster lock even with scheduling off: while another node holds
   * it, a starting node leaves the sweep to that node; once the lock is free, the same sweep runs.
   */
  @Test
  void startUpSweep_leavesTheWorkToANodeHoldingTheClusterLock() throws Exception {
    String expiredId;
    BlobId expiredBlob;
    ClockAt.instant = START;
    try (ConfigurableApplicationContext first = start()) {
      ToolJob expired = encrypt(first.getBean(ToolService.class), "old.txt");
      expiredId = expired.id();
      expiredBlob = expired.blobId();
      JdbcClient jdbc = first.getBean(JdbcClient.class);
      jdbc.sql("DELETE FROM shedlock WHERE name = 'objects-sweep'").update();
      jdbc.sql(
              "INSERT INTO shedlock (name, lock_until, locked_at, locked_by)"
                  + " VALUES ('objects-sweep', TIMESTAMP '2999-01-01 00:00:00',"
                  + " CURRENT_TIMESTAMP, 'another-node')")
          .update();
    }

    ClockAt.instant = START.plus(Duration.ofMinutes(61));
    try (ConfigurableApplicationContext second = start()) {
      JdbcClient jdbc = second.getBean(JdbcClient.class);
      BlobStore blobs = second.getBean(BlobStore.class);
      assertThat(count(jdbc, expiredId)).isEqualTo(1);
      assertThat(blobs.exists(expiredBlob)).isTrue();

      jdbc.sql("UPDATE shedlock SET lock_until = TIMESTAMP '2000-01-01 00:00:00'").update();
      second.getBean(ObjectSweeper.class).sweep();
      assertThat(count(jdbc, expiredId)).isZero();
      assertThat(blobs.exists(expiredBlob)).isFalse();
    }
  }

  private ConfigurableApplicationContext start() {
    // Command-line arguments, not builder defaults: application.yml would override those (and
    // the test would write into ./data).
    return new SpringApplicationBuilder(VaultdropApplication.class, ClockAt.class)
        .run(
            "--server.port=0",
            "--vaultdrop.data-dir=" + dataDir,
            "--vaultdrop.scheduling.enabled=false",
            "--vaultdrop.tool.retention=PT1H");
  }

  private static long count(JdbcClient jdbc, String id) {
    return jdbc.sql("SELECT COUNT(*) FROM tool_jobs WHERE id = ?")
        .param(id)
        .query(Long.class)
        .single();
  }

  private static ToolJob encrypt(ToolService tool, String name) throws Exception {
    try (ToolService.PendingJob pending =
        tool.storeEncryption(
            "user-startup",
            name,
            new ByteArrayInputStream(ToolApiTest.content(name)),
            CipherSuite.CHACHA20_POLY1305,
            KeyMode.PORTABLE)) {
      return tool.publish(pending, null);
    }
  }

  /** A clock starting where the test says. */
  @Configuration(proxyBeanMethods = false)
  static class ClockAt {
    static volatile Instant instant;

    @Bean
    @Primary
    MutableClock startupTestClock() {
      return new MutableClock(instant);
    }
  }
}
