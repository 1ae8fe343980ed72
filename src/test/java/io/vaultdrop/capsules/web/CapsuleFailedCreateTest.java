package io.vaultdrop.capsules.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultdrop.capsules.internal.CapsuleService;
import io.vaultdrop.objects.ObjectTooLargeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A capsule that is refused or fails while it is being created leaves nothing behind: no blob in
 * the store, no row in the object ledger (pending or otherwise) and no capsule row.
 */
class CapsuleFailedCreateTest extends CapsuleWebTestSupport {

  private static final SecureRandom RANDOM = new SecureRandom();

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired CapsuleService capsules;

  private List<String> ledgerBefore;
  private List<Path> blobsBefore;
  private long capsulesBefore;

  @BeforeEach
  void remember() throws IOException {
    ledgerBefore = ledger();
    blobsBefore = blobFiles();
    capsulesBefore = capsuleRows();
  }

  @AfterEach
  void nothingLeft() throws IOException {
    assertThat(ledger()).isEqualTo(ledgerBefore);
    assertThat(blobFiles()).isEqualTo(blobsBefore);
    assertThat(capsuleRows()).isEqualTo(capsulesBefore);
  }

  @Test
  void anonymousUploadOverItsLimit_isTooLarge() throws Exception {
    try (CapsuleHttp http = new CapsuleHttp(port, freshAddress())) {
      // Small enough that Content-Length passes: the limit is hit while streaming.
      HttpResponse<String> refused = http.upload("big.bin", random(300 * 1024));

      assertThat(refused.statusCode()).isEqualTo(413);
      assertThat(refused.body()).contains("too_large").doesNotContain("jwe");
    }
  }

  @Test
  void secondFilePart_isRefusedAfterTheFirstWasPublished() throws Exception {
    try (CapsuleHttp http = new CapsuleHttp(port, freshAddress())) {
      HttpResponse<String> refused = http.uploadTwice(random(1000));

      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.body()).doesNotContain("jwe");
    }
  }

  @Test
  void bodyEndingInTheMiddleOfTheFile_isRefused() throws Exception {
    try (CapsuleHttp http = new CapsuleHttp(port, freshAddress())) {
      HttpResponse<String> refused = http.uploadTruncated(random(64 * 1024));

      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.body()).doesNotContain("jwe");
    }
  }

  @Test
  void contentFailingWhileStored_leavesNothing() {
    InputStream failing =
        new SequenceInputStream(
            new ByteArrayInputStream(random(100 * 1024)),
            new InputStream() {
              @Override
              public int read() throws IOException {
                throw new IOException("the client went away");
              }
            });

    assertThatThrownBy(() -> capsules.store("f.bin", failing, null, 1024 * 1024))
        .isInstanceOf(IOException.class)
        .hasMessage("the client went away");
  }

  @Test
  void contentBeyondMaxBytes_isTooLargeAndLeavesNothing() {
    assertThatThrownBy(
            () -> capsules.store("f.bin", new ByteArrayInputStream(random(4097)), null, 4096))
        .isInstanceOf(ObjectTooLargeException.class);
  }

  private List<String> ledger() {
    return jdbc.sql(
            "SELECT blob_id || ':' || state FROM stored_objects WHERE feature = 'capsules'"
                + " ORDER BY blob_id")
        .query(String.class)
        .list();
  }

  private long capsuleRows() {
    return jdbc.sql("SELECT COUNT(*) FROM capsules").query(Long.class).single();
  }

  private static List<Path> blobFiles() throws IOException {
    Path blobs = DATA_DIR.resolve("blobs");
    if (!Files.exists(blobs)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(blobs)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
