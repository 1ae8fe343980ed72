package io.vaultdrop.tool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.crypto.CipherSuite;
import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.testsupport.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * On PostgreSQL: the enc and key downloads of a job finishing at the same moment delete the job
 * (row and blob) exactly once, and nothing is left behind.
 */
@SpringBootTest(properties = "vaultdrop.scheduling.enabled=false")
class ToolJobsPostgresTest {

  @RegisterExtension static final TestDatabase db = TestDatabase.postgres();

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) throws Exception {
    db.register(registry);
    registry.add("vaultdrop.data-dir", Files.createTempDirectory("vaultdrop-tool-pg")::toString);
  }

  @Autowired ToolService tool;
  @Autowired ToolDownloads toolDownloads;
  @Autowired ToolJobRepository repository;
  @Autowired BlobStore blobs;
  @Autowired JdbcClient jdbc;

  @Test
  void concurrentEncAndKeyDownloads_deleteEachJobExactlyOnce() throws Exception {
    String owner = "pg-owner-" + System.nanoTime();
    List<ToolJob> jobs = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      jobs.add(encrypt(owner, "f" + i + ".txt"));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> downloads = new ArrayList<>();
      for (ToolJob job : jobs) {
        CountDownLatch start = new CountDownLatch(1);
        ToolDownloads.Download enc = toolDownloads.encFile(owner, job.id(), false);
        ToolDownloads.Download key = toolDownloads.keyFile(owner, job.id());
        downloads.add(pool.submit(write(enc, start)));
        downloads.add(pool.submit(write(key, start)));
        start.countDown();
      }
      for (int i = 0; i < downloads.size(); i++) {
        ToolJob job = jobs.get(i / 2);
        long expected = i % 2 == 0 ? job.encryptedSize() : -1;
        int length = downloads.get(i).get();
        if (expected >= 0) {
          assertThat(length).isEqualTo(expected);
        }
      }
    } finally {
      pool.shutdown();
    }
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM tool_jobs WHERE owner_id = ?")
                .param(owner)
                .query(Long.class)
                .single())
        .isZero();
    for (ToolJob job : jobs) {
      assertThat(blobs.exists(job.blobId())).isFalse();
    }
  }

  @Test
  void deleteIfComplete_isTrueForExactlyOneOfManyCallers() throws Exception {
    String owner = "pg-owner-" + System.nanoTime();
    ToolJob job = encrypt(owner, "race.txt");
    repository.markEncDownloaded(job.id());
    repository.markKeyDownloaded(job.id());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return repository.deleteIfComplete(job.id(), job.blobId());
                }));
      }
      start.countDown();
      int winners = 0;
      for (Future<Boolean> result : results) {
        winners += result.get() ? 1 : 0;
      }
      assertThat(winners).isEqualTo(1);
    } finally {
      pool.shutdown();
    }
  }

  private static Callable<Integer> write(ToolDownloads.Download download, CountDownLatch start) {
    return () -> {
      start.await();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      download.body().writeTo(out);
      return out.size();
    };
  }

  private ToolJob encrypt(String owner, String name) throws Exception {
    byte[] content = ("content of " + name).getBytes(StandardCharsets.UTF_8);
    try (ToolService.PendingJob pending =
        tool.storeEncryption(
            owner,
            name,
            new ByteArrayInputStream(content),
            CipherSuite.CHACHA20_POLY1305,
            KeyMode.PORTABLE)) {
      return tool.publish(pending, null);
    }
  }
}
