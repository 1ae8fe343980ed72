package io.vaultdrop.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.testsupport.FormLogin;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Byte ranges of vault downloads over real HTTP (RFC 9110 §14): every slice is exactly those bytes
 * of the plaintext, across the object format's 64 KiB segments; 416, If-Range, ETag; a download cut
 * mid-way and resumed with Range gives the file byte for byte; the page download resumes the same
 * way; what the transfer metrics count.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(
    properties = {
      "vaultdrop.scheduling.enabled=false",
      "vaultdrop.max-upload-size=4MB",
      "vaultdrop.vault.quota=6MB"
    })
class VaultRangeDownloadTest extends AccountsWebTestSupport {

  /** Plaintext bytes of the first segment of the object format (64 KiB − 40 − 16). */
  static final int FIRST_SEGMENT = 65_536 - 40 - 16;

  /** Plaintext bytes of every later segment (64 KiB − 16). */
  static final int SEGMENT = 65_536 - 16;

  @LocalServerPort int port;
  @Autowired AccountService accounts;
  @Autowired MeterRegistry meters;
  @Autowired JdbcClient jdbc;

  final HttpClient client = HttpClient.newHttpClient();
  VaultHttp http;
  String email;
  String token;

  @BeforeEach
  void signIn() throws Exception {
    http = new VaultHttp(port);
    email = uniqueEmail();
    accounts.createUser(email, PASSWORD, Role.MEMBER, null, null);
    token = http.token(email, PASSWORD);
  }

  @Test
  void ranges_areExactSlicesOfThePlaintext_acrossSegments() throws Exception {
    byte[] content = VaultApiTest.random(3 * SEGMENT + FIRST_SEGMENT + 1234);
    String id = upload("film.mkv", content);
    String path = "/api/v1/files/" + id + "/content";

    HttpResponse<byte[]> full = get(path, null, null);
    assertThat(full.statusCode()).isEqualTo(200);
    assertThat(full.body()).isEqualTo(content);
    assertThat(full.headers().firstValue("Accept-Ranges")).hasValue("bytes");
    String etag = full.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"");
    assertThat(full.headers().allValues("ETag")).hasSize(1);
    assertThat(full.headers().allValues("Last-Modified")).hasSize(1);
    assertThat(full.headers().firstValue("Last-Modified")).isPresent();
    assertThat(full.headers().firstValue("Content-Range")).isEmpty();

    int n = content.length;
    long[][] ranges = {
      {0, 0},
      {0, 99},
      {10, 1000}, // inside the first segment
      {FIRST_SEGMENT - 10, FIRST_SEGMENT + 10}, // across the first boundary
      {FIRST_SEGMENT, FIRST_SEGMENT + SEGMENT - 1}, // exactly the second segment
      {FIRST_SEGMENT + SEGMENT - 1, FIRST_SEGMENT + 2 * SEGMENT}, // two boundaries
      {n - 1, n - 1}, // the last byte
      {5, n - 1},
      {1, n - 2}
    };
    for (long[] r : ranges) {
      String range = "bytes=" + r[0] + "-" + r[1];
      HttpResponse<byte[]> part = get(path, range, null);
      assertThat(part.statusCode()).as(range).isEqualTo(206);
      assertThat(part.body()).as(range).isEqualTo(slice(content, r[0], r[1]));
      assertThat(part.headers().firstValue("Content-Range"))
          .as(range)
          .hasValue("bytes " + r[0] + "-" + r[1] + "/" + n);
      assertThat(part.headers().firstValue("Content-Length"))
          .as(range)
          .hasValue(String.valueOf(r[1] - r[0] + 1));
      assertThat(part.headers().firstValue("ETag")).hasValue(etag);
      assertThat(part.headers().firstValue("Content-Disposition").orElseThrow())
          .startsWith("attachment;");
    }
    for (long first : new long[] {0, 1, FIRST_SEGMENT, FIRST_SEGMENT + 1, n - 1}) {
      HttpResponse<byte[]> open = get(path, "bytes=" + first + "-", null);
      assertThat(open.statusCode()).isEqualTo(206);
      assertThat(open.body()).isEqualTo(slice(content, first, n - 1));
      assertThat(open.headers().firstValue("Content-Range"))
          .hasValue("bytes " + first + "-" + (n - 1) + "/" + n);
    }
    HttpResponse<byte[]> suffix = get(path, "bytes=-300", null);
    assertThat(suffix.statusCode()).isEqualTo(206);
    assertThat(suffix.body()).isEqualTo(slice(content, n - 300, n - 1));
    HttpResponse<byte[]> pastEnd = get(path, "bytes=" + (n - 10) + "-" + (n + 5000), null);
    assertThat(pastEnd.statusCode()).isEqualTo(206);
    assertThat(pastEnd.body()).isEqualTo(slice(content, n - 10, n - 1));
  }

  @Test
  void unsatisfiableMalformedAndMultipleRanges() throws Exception {
    byte[] content = VaultApiTest.random(70_000);
    String id = upload("a.bin", content);
    String path = "/api/v1/files/" + id + "/content";

    for (String range : new String[] {"bytes=70000-", "bytes=70000-70010", "bytes=999999-"}) {
      HttpResponse<byte[]> refused = get(path, range, null);
      assertThat(refused.statusCode()).as(range).isEqualTo(416);
      assertThat(refused.headers().firstValue("Content-Range")).hasValue("bytes */70000");
      assertThat(refused.headers().firstValue("Content-Type").orElseThrow())
          .startsWith("application/problem+json");
      assertThat(new String(refused.body(), StandardCharsets.UTF_8))
          .contains("\"code\":\"range_not_satisfiable\"")
          .contains("70000");
    }
    for (String range :
        new String[] {"bytes=0-5,10-20", "bytes=abc", "bytes=9-3", "items=0-5", "bytes=-"}) {
      HttpResponse<byte[]> whole = get(path, range, null);
      assertThat(whole.statusCode()).as(range).isEqualTo(200);
      assertThat(whole.body()).as(range).isEqualTo(content);
    }
  }

  @Test
  void ifRange_andEtag() throws Exception {
    byte[] content = VaultApiTest.random(100_000);
    String id = upload("a.bin", content);
    String path = "/api/v1/files/" + id + "/content";
    HttpResponse<byte[]> first = get(path, null, null);
    String etag = first.headers().firstValue("ETag").orElseThrow();
    String modified = first.headers().firstValue("Last-Modified").orElseThrow();
    assertThat(get(path, null, null).headers().firstValue("ETag")).hasValue(etag);

    HttpResponse<byte[]> same = get(path, "bytes=50000-", etag);
    assertThat(same.statusCode()).isEqualTo(206);
    assertThat(same.body()).isEqualTo(slice(content, 50_000, content.length - 1));
    HttpResponse<byte[]> byDate = get(path, "bytes=50000-", modified);
    assertThat(byDate.statusCode()).isEqualTo(206);

    for (String stale : new String[] {"\"someOtherVersion0000000\"", "W/" + etag, "yesterday"}) {
      HttpResponse<byte[]> whole = get(path, "bytes=50000-", stale);
      assertThat(whole.statusCode()).as(stale).isEqualTo(200);
      assertThat(whole.body()).as(stale).isEqualTo(content);
    }

    // The same bytes uploaded again are another file: another tag; the old tag does not resume it.
    String again = upload("a.bin", content);
    HttpResponse<byte[]> other = get("/api/v1/files/" + again + "/content", "bytes=50000-", etag);
    assertThat(other.statusCode()).isEqualTo(200);
    assertThat(other.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
    // The tag reveals neither the file id nor the blob's name.
    String blobId =
        jdbc.sql("SELECT blob_id FROM vault_files WHERE id = ?")
            .param(id)
            .query(String.class)
            .single();
    assertThat(etag).doesNotContain(id).doesNotContain(blobId);
  }

  @Test
  void conditionalGets_areAnsweredWithoutReadingAndReleaseTheFile() throws Exception {
    byte[] content = VaultApiTest.random(10_000);
    String id = upload("a.bin", content);
    String path = "/api/v1/files/" + id + "/content";
    HttpResponse<byte[]> first = get(path, null, null);
    String etag = first.headers().firstValue("ETag").orElseThrow();
    String modified = first.headers().firstValue("Last-Modified").orElseThrow();

    HttpResponse<byte[]> notModified =
        client.send(
            request(path).header("If-None-Match", etag).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(notModified.statusCode()).isEqualTo(304);
    assertThat(notModified.body()).isEmpty();
    assertThat(notModified.headers().firstValue("ETag")).hasValue(etag);
    HttpResponse<byte[]> unchangedSince =
        client.send(
            request(path).header("If-Modified-Since", modified).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(unchangedSince.statusCode()).isEqualTo(304);

    // Nothing still reads the object: deleting the file removes it at once.
    String blobId =
        jdbc.sql("SELECT blob_id FROM vault_files WHERE id = ?")
            .param(id)
            .query(String.class)
            .single();
    assertThat(http.delete("/api/v1/files/" + id, token).statusCode()).isEqualTo(204);
    await(
        () ->
            jdbc.sql("SELECT COUNT(*) FROM stored_objects WHERE blob_id = ?")
                    .param(blobId)
                    .query(Long.class)
                    .single()
                == 0);
  }

  /** A HEAD says what a GET would send and reads nothing: no decryption, no download counted. */
  @Test
  void head_answersTheHeaders_withoutReadingTheFile() throws Exception {
    byte[] content = VaultApiTest.random(300_000);
    String id = upload("h.bin", content);
    String path = "/api/v1/files/" + id + "/content";
    double downloadsBefore = downloads();
    double bytesBefore = bytesSent();

    HttpResponse<byte[]> head =
        client.send(
            request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Content-Length")).hasValue("300000");
    assertThat(head.headers().firstValue("Accept-Ranges")).hasValue("bytes");
    assertThat(head.headers().firstValue("ETag")).isPresent();
    HttpResponse<byte[]> headOfRange =
        client.send(
            request(path)
                .header("Range", "bytes=100000-")
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(headOfRange.statusCode()).isEqualTo(206);
    assertThat(headOfRange.headers().firstValue("Content-Range"))
        .hasValue("bytes 100000-299999/300000");

    Thread.sleep(300); // a body that ran anyway would have counted by now
    assertThat(downloads()).isEqualTo(downloadsBefore);
    assertThat(bytesSent()).isEqualTo(bytesBefore);
  }

  @Test
  void emptyFile() throws Exception {
    String id = upload("empty.txt", new byte[0]);
    String path = "/api/v1/files/" + id + "/content";
    HttpResponse<byte[]> whole = get(path, null, null);
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.body()).isEmpty();
    assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
    HttpResponse<byte[]> refused = get(path, "bytes=0-", null);
    assertThat(refused.statusCode()).isEqualTo(416);
    assertThat(refused.headers().firstValue("Content-Range")).hasValue("bytes */0");
    HttpResponse<byte[]> suffix = get(path, "bytes=-10", null);
    assertThat(suffix.statusCode()).isEqualTo(200);
    assertThat(suffix.body()).isEmpty();
  }

  @Test
  void aDownloadCutMidway_resumesToTheIdenticalFile() throws Exception {
    byte[] content = VaultApiTest.random(3 * 1024 * 1024 + 777);
    String id = upload("big.iso", content);
    String path = "/api/v1/files/" + id + "/content";

    // A browser's first attempt: the connection breaks after about a megabyte.
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    String etag;
    try (Socket socket = new Socket("localhost", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET "
                  + path
                  + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                  + token
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String head = head(in);
      assertThat(head).startsWith("HTTP/1.1 200");
      etag = headerValue(head, "ETag");
      received.write(in.readNBytes(1024 * 1024 + 12_345));
    } // closed mid-way

    HttpResponse<byte[]> rest =
        get(path, "bytes=" + received.size() + "-", etag); // what Chromium's "Resume" sends
    assertThat(rest.statusCode()).isEqualTo(206);
    received.write(rest.body());
    assertThat(received.toByteArray()).isEqualTo(content);
  }

  @Test
  void metrics_countTheBytesSent_andADownloadOnlyWhenARangeReachesTheEnd() throws Exception {
    byte[] content = VaultApiTest.random(300_000);
    String id = upload("counted.bin", content);
    String path = "/api/v1/files/" + id + "/content";
    double downloads = downloads();
    double bytes = bytesSent();

    // Stops before the end: its bytes, no download. Nothing after the range is read.
    assertThat(get(path, "bytes=100000-100999", null).statusCode()).isEqualTo(206);
    await(() -> bytesSent() == bytes + 1000);
    Thread.sleep(200);
    assertThat(downloads()).isEqualTo(downloads);
    assertThat(bytesSent()).isEqualTo(bytes + 1000);

    // Reaches the end (what a resuming browser asks): one download, the skipped part not counted.
    assertThat(get(path, "bytes=200000-", null).statusCode()).isEqualTo(206);
    await(() -> downloads() == downloads + 1);
    assertThat(bytesSent()).isEqualTo(bytes + 1000 + 100_000);
    assertThat(get(path, "bytes=299000-299999", null).statusCode()).isEqualTo(206);
    await(() -> downloads() == downloads + 2);
    assertThat(bytesSent()).isEqualTo(bytes + 1000 + 100_000 + 1000);
  }

  @Test
  void thePageDownload_resumesToo() throws Exception {
    byte[] content = VaultApiTest.random(200_000);
    String id = upload("page.bin", content);
    String session = FormLogin.post(client, "http://localhost:" + port, email, PASSWORD).session();
    HttpRequest.Builder page =
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/vault/files/" + id + "/content"))
            .header("Cookie", "vaultdrop_session=" + session)
            .GET();
    HttpResponse<byte[]> whole = client.send(page.build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.body()).isEqualTo(content);
    String etag = whole.headers().firstValue("ETag").orElseThrow();
    HttpResponse<byte[]> rest =
        client.send(
            page.header("Range", "bytes=123456-").header("If-Range", etag).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(rest.statusCode()).isEqualTo(206);
    assertThat(rest.body()).isEqualTo(slice(content, 123_456, content.length - 1));
    assertThat(rest.headers().firstValue("Content-Range")).hasValue("bytes 123456-199999/200000");
    HttpResponse<byte[]> refused =
        client.send(
            page.setHeader("Range", "bytes=200000-").build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(refused.statusCode()).isEqualTo(416);
    assertThat(refused.headers().firstValue("Content-Range")).hasValue("bytes */200000");
  }

  // ------------------------------------------------------------------ helpers

  private String upload(String name, byte[] content) throws Exception {
    HttpResponse<String> created = http.upload(token, name, content);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return VaultHttp.json(created.body()).get("id").asString();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Bearer " + token)
        .GET();
  }

  private HttpResponse<byte[]> get(String path, String range, String ifRange) throws Exception {
    HttpRequest.Builder request = request(path);
    if (range != null) {
      request.header("Range", range);
    }
    if (ifRange != null) {
      request.header("If-Range", ifRange);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static byte[] slice(byte[] content, long first, long last) {
    return Arrays.copyOfRange(content, (int) first, (int) last + 1);
  }

  private double downloads() {
    return meters.get("vaultdrop.downloads").tag("feature", "vault").counter().count();
  }

  private double bytesSent() {
    return meters
        .get("vaultdrop.transfer.bytes")
        .tag("feature", "vault")
        .tag("direction", "download")
        .counter()
        .count();
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (!condition.getAsBoolean() && Instant.now().isBefore(deadline)) {
      Thread.sleep(20);
    }
    assertThat(condition.getAsBoolean()).isTrue();
  }

  /** The status line and headers of a raw HTTP/1.1 response, up to the blank line. */
  private static String head(InputStream in) throws Exception {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      assertThat(b).isNotNegative();
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private static String headerValue(String head, String name) {
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
        return line.substring(colon + 1).strip();
      }
    }
    throw new AssertionError("no " + name + " in " + head);
  }
}
