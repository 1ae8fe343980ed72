package io.vaultdrop.shares;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.objects.internal.ObjectSweeper;
import io.vaultdrop.shares.internal.ShareService;
import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.testsupport.MutableClock;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Resuming an aborted share download over real HTTP: the claim stays, and only the claimant (who
 * holds the resume token) gets the rest of the file with {@code Range}, for the grace period.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "vaultdrop.scheduling.enabled=false",
      "vaultdrop.shares.anonymous-max-size=64MB",
      "vaultdrop.shares.resume-grace=PT15M",
      "vaultdrop.shares.rate-limits.anonymous-creates-per-hour=10000",
      "vaultdrop.shares.rate-limits.reads-per-minute=10000",
      "vaultdrop.shares.rate-limits.downloads-per-minute=10000"
    })
@Import(AccountsWebTestSupport.ClockConfig.class)
class ShareResumeTest extends AccountsWebTestSupport {

  /** Larger than loopback socket buffers, so dropping the connection really aborts the transfer. */
  private static final int SIZE = 24 * 1024 * 1024;

  private static final byte[] DATA = random(SIZE);

  @LocalServerPort int port;
  @Autowired MutableClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired BlobStore blobs;
  @Autowired ShareService shares;
  @Autowired ObjectSweeper sweeper;

  @Test
  void abortedOneTimeDownload_isResumedWithRangeByTheClaimantOnly_thenTheShareIsGone()
      throws Exception {
    try (ShareHttp http = new ShareHttp(port)) {
      String token = create(http, ShareHttp.fields("maxDownloads", "1"));
      String id = token.substring(0, 22);
      BlobId blob = blobOf(id);

      ShareHttp.PartialDownload partial = http.abortAfter(token, 1 << 20);
      assertThat(partial.response().statusCode()).isEqualTo(200);
      assertThat(partial.response().headers().firstValue("Accept-Ranges")).hasValue("bytes");
      String resumeToken =
          partial.response().headers().firstValue("Vaultdrop-Resume-Token").orElseThrow();
      assertThat(partial.received()).isEqualTo(Arrays.copyOf(DATA, 1 << 20));
      awaitNoTransferRunning(id);

      // The one download is used: nobody else gets it, not even with a Range of their own.
      assertThat(http.download(token, null).statusCode()).isEqualTo(404);
      assertThat(http.metadata(token).statusCode()).isEqualTo(404);
      assertThat(http.resume(token, null, "x".repeat(43), "bytes=1048576-").statusCode())
          .isEqualTo(404);
      // ...but the share waits for its claimant, even through a sweep.
      sweeper.sweep();
      assertThat(blobs.exists(blob)).isTrue();

      HttpResponse<byte[]> rest = http.resume(token, null, resumeToken, "bytes=1048576-");
      assertThat(rest.statusCode()).isEqualTo(206);
      assertThat(rest.headers().firstValue("Content-Range"))
          .hasValue("bytes 1048576-" + (SIZE - 1) + "/" + SIZE);
      assertThat(rest.headers().firstValueAsLong("Content-Length")).hasValue(SIZE - (1L << 20));
      assertThat(rest.body()).isEqualTo(Arrays.copyOfRange(DATA, 1 << 20, SIZE));

      // Completed: the token is spent and the share with its blob is gone.
      awaitShareGone(id);
      assertThat(blobs.exists(blob)).isFalse();
      assertThat(http.resume(token, null, resumeToken, "bytes=0-").statusCode()).isEqualTo(404);
    }
  }

  /**
   * A stored file damaged in the middle (disk fault, tampering): the download has already started
   * with 200 and its Content-Length, so the server must break the transfer off at the bad segment.
   * The client gets the intact plaintext before it, never a byte of the bad segment, and never a
   * response that looks complete.
   */
  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void blobDamagedMidFile_breaksTheDownloadOffBeforeTheBadSegment(CapturedOutput log)
      throws Exception {
    try (ShareHttp http = new ShareHttp(port)) {
      String token = create(http, ShareHttp.fields("maxDownloads", "1"));
      damage(blobOf(token.substring(0, 22)));

      HttpResponse<java.io.InputStream> response =
          http.client()
              .send(
                  http.downloadRequest(token, null).build(),
                  HttpResponse.BodyHandlers.ofInputStream());
      assertBrokenOffBeforeTheBadSegment(response);
    }
    // Logged once, under a correlation id; the container does not log it again.
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(log.getOut()).contains("Unexpected error, correlationId="));
    assertThat(log.getOut().split("DecryptionFailedException: object failed authentication", -1))
        .hasSize(2);
    assertThat(log.getOut()).doesNotContain("Servlet.service() for servlet");
  }

  /** The same through the landing page's form: no error page may be appended to the file. */
  @Test
  void blobDamagedMidFile_browserDownload_getsNoErrorPageInsideTheFile() throws Exception {
    try (ShareHttp http = new ShareHttp(port)) {
      String token = create(http, ShareHttp.fields("maxDownloads", "1"));
      damage(blobOf(token.substring(0, 22)));
      // Like a browser: cookies, and the form post's 303 followed to the GET serving the claim.
      java.net.http.HttpClient browser =
          java.net.http.HttpClient.newBuilder()
              .cookieHandler(new java.net.CookieManager())
              .followRedirects(java.net.http.HttpClient.Redirect.NORMAL)
              .build();
      String page =
          browser
              .send(
                  java.net.http.HttpRequest.newBuilder(http.uri("/s/" + token)).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      java.util.regex.Matcher csrf =
          java.util.regex.Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(page);
      assertThat(csrf.find()).as("the landing page has a CSRF field").isTrue();
      HttpResponse<java.io.InputStream> response =
          browser.send(
              java.net.http.HttpRequest.newBuilder(http.uri("/s/" + token + "/download"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(java.net.http.HttpRequest.BodyPublishers.ofString("_csrf=" + csrf.group(1)))
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      assertBrokenOffBeforeTheBadSegment(response);
    }
  }

  private static final int FLIPPED = 10 * 1024 * 1024 + 12_345;

  /** Flips one bit in the middle of a stored blob (it must be rewritten: blobs are immutable). */
  private void damage(BlobId blob) throws java.io.IOException {
    byte[] ciphertext;
    try (java.io.InputStream in = blobs.open(blob)) {
      ciphertext = in.readAllBytes();
    }
    ciphertext[FLIPPED] ^= 0x01;
    blobs.delete(blob);
    blobs.put(blob, new java.io.ByteArrayInputStream(ciphertext));
  }

  private static void assertBrokenOffBeforeTheBadSegment(HttpResponse<java.io.InputStream> response)
      throws java.io.IOException {
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(SIZE);
    java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
    boolean broken = false;
    try (java.io.InputStream body = response.body()) {
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = body.read(buffer)) >= 0) {
        received.write(buffer, 0, n);
      }
    } catch (java.io.IOException expected) {
      broken = true;
    }
    assertThat(broken).as("the transfer is broken off, not ended cleanly").isTrue();
    byte[] got = received.toByteArray();
    // Ciphertext carries a header and a tag per 64 KiB segment, so the bad segment's plaintext
    // starts a little before the flipped ciphertext offset: everything up to that segment
    // arrives, nothing from it on, and nothing else (no error page).
    assertThat(got.length).isLessThan(FLIPPED).isGreaterThan(FLIPPED - 2 * 64 * 1024);
    assertThat(got).isEqualTo(Arrays.copyOf(DATA, got.length));
  }

  @Test
  void resumeToken_expiresAfterTheGracePeriod_andTheSweeperThenRemovesTheShare() throws Exception {
    try (ShareHttp http = new ShareHttp(port)) {
      String token = create(http, ShareHttp.fields("maxDownloads", "1"));
      String id = token.substring(0, 22);
      BlobId blob = blobOf(id);
      ShareHttp.PartialDownload partial = http.abortAfter(token, 4096);
      String resumeToken =
          partial.response().headers().firstValue("Vaultdrop-Resume-Token").orElseThrow();
      awaitNoTransferRunning(id);

      clock.advance(Duration.ofMinutes(15).plusSeconds(1));
      assertThat(http.resume(token, null, resumeToken, "bytes=4096-").statusCode()).isEqualTo(404);
      sweeper.sweep();
      assertThat(shareRow(id)).isEmpty();
      assertThat(blobs.exists(blob)).isFalse();
    }
  }

  @Test
  void completedDownload_leavesNothingToResume() throws Exception {
    try (ShareHttp http = new ShareHttp(port)) {
      String token = create(http, ShareHttp.fields("maxDownloads", "2"));
      HttpResponse<byte[]> whole = http.download(token, null);
      assertThat(whole.statusCode()).isEqualTo(200);
      assertThat(whole.body()).isEqualTo(DATA);
      String resumeToken = whole.headers().firstValue("Vaultdrop-Resume-Token").orElseThrow();
      assertThat(http.resume(token, null, resumeToken, "bytes=100-").statusCode()).isEqualTo(404);
      // The second download is still there for someone else.
      assertThat(http.download(token, null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void resume_needsThePasswordAgain_andAnOpenEndedRangeInsideTheFile() throws Exception {
    try (ShareHttp http = new ShareHttp(port)) {
      String token =
          create(http, ShareHttp.fields("maxDownloads", "1", "password", "correct horse battery"));
      String id = token.substring(0, 22);
      HttpResponse<java.io.InputStream> started =
          http.client()
              .send(
                  http.downloadRequest(token, "correct horse battery").build(),
                  HttpResponse.BodyHandlers.ofInputStream());
      String resumeToken = started.headers().firstValue("Vaultdrop-Resume-Token").orElseThrow();
      try (java.io.InputStream body = started.body()) {
        body.readNBytes(10);
      }
      awaitNoTransferRunning(id);

      HttpResponse<byte[]> noPassword = http.resume(token, null, resumeToken, "bytes=10-");
      assertThat(noPassword.statusCode()).isEqualTo(401);
      assertThat(new String(noPassword.body())).contains("password_required");
      assertThat(http.resume(token, "correct horse battery", resumeToken, "bytes=5-9").statusCode())
          .isEqualTo(416);
      assertThat(
              http.resume(token, "correct horse battery", resumeToken, "bytes=" + SIZE + "-")
                  .statusCode())
          .isEqualTo(416);

      HttpResponse<byte[]> rest =
          http.resume(token, "correct horse battery", resumeToken, "bytes=10-");
      assertThat(rest.statusCode()).isEqualTo(206);
      assertThat(rest.body()).isEqualTo(Arrays.copyOfRange(DATA, 10, SIZE));
    }
  }

  private String create(ShareHttp http, java.util.Map<String, String> fields) throws Exception {
    JsonNode created = http.created("big.bin", DATA, fields);
    return created.get("token").asString();
  }

  private BlobId blobOf(String id) {
    return BlobId.parse(
        jdbc.sql("SELECT blob_id FROM shares WHERE id = ?").param(id).query(String.class).single());
  }

  private Optional<Integer> shareRow(String id) {
    return jdbc.sql("SELECT in_flight FROM shares WHERE id = ?")
        .param(id)
        .query(Integer.class)
        .optional();
  }

  private void awaitNoTransferRunning(String id) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(shareRow(id)).hasValue(0));
  }

  private void awaitShareGone(String id) {
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(shareRow(id)).isEmpty());
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }
}
