package io.vaultdrop.tool;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.objects.internal.ObjectSweeper;
import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.testsupport.MutableClock;
import io.vaultdrop.tool.internal.ToolService;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A node that dies while it checks an uploaded ciphertext (the whole-file decryption before a
 * decryption job exists, up to the largest upload) leaves the stored upload as a pending object,
 * never as a blob nothing names: the object sweeper removes it after the pending age. Before the
 * object lifecycle, that blob was committed with no record at all and stayed forever.
 */
@SpringBootTest(properties = "vaultdrop.scheduling.enabled=false")
@Import(io.vaultdrop.accounts.AccountsWebTestSupport.ClockConfig.class)
class ToolCrashRecoveryTest extends io.vaultdrop.accounts.AccountsWebTestSupport {

  @Autowired ToolService tool;
  @Autowired ObjectSweeper sweeper;
  @Autowired BlobStore blobs;
  @Autowired MutableClock clock;
  @Autowired JdbcClient jdbc;

  private List<String> pendingToolObjects() {
    return jdbc.sql(
            "SELECT blob_id FROM stored_objects WHERE feature = 'tool' AND state = 'PENDING'")
        .query(String.class)
        .list();
  }

  @Test
  void crashDuringTheDecryptionCheck_leavesNothingAfterTheSweep() throws Exception {
    byte[] ciphertext = ToolApiTest.content("uploaded .enc");
    List<String> before = pendingToolObjects();
    // The upload is stored; the node dies before the check finishes: nothing is closed.
    ToolService.PendingJob abandoned =
        tool.storeCiphertext(
            "crash-owner", "file.enc", new ByteArrayInputStream(ciphertext), 1 << 20);
    assertThat(abandoned).isNotNull();
    List<String> added = new ArrayList<>(pendingToolObjects());
    added.removeAll(before);
    assertThat(added).hasSize(1);
    String blob = added.getFirst();
    assertThat(blobs.exists(io.vaultdrop.storage.BlobId.parse(blob))).isTrue();
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM tool_jobs WHERE owner_id = 'crash-owner'")
                .query(Integer.class)
                .single())
        .isZero();

    clock.advance(Duration.ofHours(25));
    sweeper.sweep();

    assertThat(blobs.exists(io.vaultdrop.storage.BlobId.parse(blob))).isFalse();
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM stored_objects WHERE blob_id = ?")
                .param(blob)
                .query(Integer.class)
                .single())
        .isZero();
  }
}
