package io.vaultdrop.web.drain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real rolling-restart signal: the application runs in a child JVM (this test's classpath, its
 * own data folder and H2 file) and gets a real SIGTERM ({@link Process#destroy()}), so the shutdown
 * hook, Spring's lifecycle phases and Tomcat's graceful shutdown all run as in production. While a
 * download (read slowly by the client) and a multipart upload (sent slowly) are in progress: health
 * (with the readiness state) answers 503, new transfers get 503 {@code unavailable} with {@code
 * Retry-After}, other requests are still served; then both transfers complete (the download
 * byte-identical) and the process exits.
 */
class GracefulDrainTest {

  private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
  private static final String BOUNDARY = "drain-test-boundary-7f3a";

  @TempDir Path data;
  private Process app;
  private Path log;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @AfterEach
  void stop() throws Exception {
    if (app != null && app.isAlive()) {
      app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void sigterm_refusesNewTransfers_letsRunningOnesFinish_thenExits() throws Exception {
    int port = freePort();
    start(port);

    byte[] file = new byte[24 * 1024 * 1024]; // far more than loopback socket buffers hold
    new Random(15).nextBytes(file);
    String downloading = createShare(port, "big.bin", file);
    String untouched = createShare(port, "other.bin", "still here".getBytes());

    // A download in progress, read slowly: the server is blocked writing it.
    HttpResponse<InputStream> download =
        http.send(
            post(port, "/api/v1/shares/" + downloading + "/download")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(download.statusCode()).isEqualTo(200);
    InputStream downloadBody = download.body();
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    received.write(downloadBody.readNBytes(256 * 1024));

    // An upload in progress: half of it sent, the rest held back until after the signal.
    byte[] uploaded = new byte[1024 * 1024];
    new Random(16).nextBytes(uploaded);
    byte[] multipart = multipart("up.bin", uploaded);
    int half = multipart.length / 2;
    CountDownLatch firstHalfSent = new CountDownLatch(1);
    CountDownLatch sendRest = new CountDownLatch(1);
    InputStream slowBody =
        new SequenceInputStream(
            new java.io.ByteArrayInputStream(multipart, 0, half),
            new InputStream() {
              private InputStream rest;

              @Override
              public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
              }

              @Override
              public int read(byte[] b, int off, int len) throws IOException {
                if (rest == null) {
                  firstHalfSent.countDown();
                  try {
                    sendRest.await();
                  } catch (InterruptedException e) {
                    throw new IOException(e);
                  }
                  rest = new java.io.ByteArrayInputStream(multipart, half, multipart.length - half);
                }
                return rest.read(b, off, len);
              }
            });
    CompletableFuture<HttpResponse<String>> upload =
        http.sendAsync(
            post(port, "/api/v1/shares")
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> slowBody))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(firstHalfSent.await(30, TimeUnit.SECONDS)).isTrue();
    // Ordering, not timing: the server counts an upload when its headers reach the handler, which
    // happens as soon as they arrive; this pause only makes sure they did before the signal.
    Thread.sleep(1_000);

    app.destroy(); // SIGTERM

    // Readiness goes down: with the probes on, its state is part of /actuator/health, which a
    // load balancer polls. New transfers are refused with a problem.
    awaitStatus(port, "/actuator/health", 503);
    HttpResponse<String> newDownload =
        http.send(
            post(port, "/api/v1/shares/" + untouched + "/download")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertUnavailable(newDownload);
    HttpResponse<String> newUpload =
        http.send(
            post(port, "/api/v1/shares")
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart("new.bin", new byte[10])))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertUnavailable(newUpload);
    HttpResponse<String> newTus =
        http.send(
            post(port, "/api/v1/uploads")
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", "10")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertUnavailable(newTus);
    // Other requests are still served; the refused download consumed nothing.
    HttpResponse<String> info = get(port, "/api/v1/shares/" + untouched);
    assertThat(info.statusCode()).isEqualTo(200);
    assertThat(info.body()).contains("\"downloadsLeft\":1");

    // The transfers in progress finish.
    sendRest.countDown();
    byte[] chunk = new byte[64 * 1024];
    int n;
    while ((n = downloadBody.read(chunk)) > 0) {
      received.write(chunk, 0, n);
      Thread.sleep(10); // a slow client: the transfer outlasts the checks above
    }
    assertThat(sha256(received.toByteArray())).isEqualTo(sha256(file));
    HttpResponse<String> uploadDone = upload.get(60, TimeUnit.SECONDS);
    assertThat(uploadDone.statusCode()).as(uploadDone.body()).isEqualTo(201);
    assertThat(uploadDone.body()).contains("\"size\":" + uploaded.length);

    // Then the process exits by itself, after a complete graceful shutdown.
    assertThat(app.waitFor(90, TimeUnit.SECONDS)).as("exited").isTrue();
    String output = Files.readString(log);
    assertThat(output)
        .contains("Draining: waiting up to PT1M for 2 transfer(s) in progress")
        .contains("Draining: every transfer ended")
        .contains("Graceful shutdown complete")
        .doesNotContain("Graceful shutdown aborted");
  }

  /**
   * Past the timeout the transfer is cut, as a crash would; a one-time link is not burned for its
   * claimant: after a restart on the same data, the client resumes with its resume token and gets
   * the rest, byte-identical.
   */
  @Test
  void aDownloadCutAfterTheTimeout_canBeResumedAfterTheRestart() throws Exception {
    int port = freePort();
    start(port, "--spring.lifecycle.timeout-per-shutdown-phase=2s");
    byte[] file = new byte[24 * 1024 * 1024];
    new Random(17).nextBytes(file);
    String token = createShare(port, "cut.bin", file);
    HttpResponse<InputStream> download =
        http.send(
            post(port, "/api/v1/shares/" + token + "/download")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(download.statusCode()).isEqualTo(200);
    String resumeToken = download.headers().firstValue("Vaultdrop-Resume-Token").orElseThrow();
    InputStream body = download.body();
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    received.write(body.readNBytes(256 * 1024));

    app.destroy(); // SIGTERM; the client stops reading: the download outlasts the timeout
    assertThat(app.waitFor(90, TimeUnit.SECONDS)).as("exited").isTrue();
    try {
      body.transferTo(received); // what was on its way before the cut
    } catch (IOException cut) {
      // the connection was closed mid-body
    }
    assertThat(received.size()).isLessThan(file.length);
    assertThat(Files.readString(log)).contains("Draining: 1 transfer(s) still running after PT2S");

    start(port);
    HttpResponse<InputStream> rest =
        http.send(
            post(port, "/api/v1/shares/" + token + "/download")
                .header("Vaultdrop-Resume-Token", resumeToken)
                .header("Range", "bytes=" + received.size() + "-")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(rest.statusCode()).isEqualTo(206);
    received.write(rest.body().readAllBytes());
    assertThat(sha256(received.toByteArray())).isEqualTo(sha256(file));
    // It was a one-time link: now it is used up for everyone.
    assertThat(get(port, "/api/v1/shares/" + token).statusCode()).isEqualTo(404);
  }

  private void start(int port, String... extraArguments) throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    log = Files.createTempFile(data, "app-", ".log");
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            java,
            "-Xmx384m",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            "io.vaultdrop.VaultdropApplication",
            "--server.port=" + port,
            "--vaultdrop.data-dir=" + data.resolve("data"),
            "--management.endpoint.health.probes.enabled=true",
            "--logging.level.root=WARN",
            "--logging.level.io.vaultdrop.web.drain=INFO",
            "--logging.level.org.springframework.boot.tomcat=INFO"));
    command.addAll(List.of(extraArguments));
    app =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (true) {
      try {
        if (get(port, "/actuator/health").statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      if (!app.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("the application did not start:\n" + Files.readString(log));
      }
      Thread.sleep(250);
    }
  }

  private String createShare(int port, String name, byte[] content) throws Exception {
    HttpResponse<String> created =
        http.send(
            post(port, "/api/v1/shares")
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(name, content)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    Matcher token = TOKEN.matcher(created.body());
    assertThat(token.find()).isTrue();
    return token.group(1);
  }

  private void awaitStatus(int port, String path, int status) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    int last;
    do {
      last = get(port, path).statusCode();
      if (last == status) {
        return;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    throw new AssertionError(path + " answered " + last + ", expected " + status);
  }

  private static void assertUnavailable(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).contains("\"code\":\"unavailable\"");
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(port, path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder post(int port, String path) {
    return HttpRequest.newBuilder(uri(port, path)).timeout(Duration.ofSeconds(120));
  }

  private static URI uri(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static byte[] multipart(String fileName, byte[] content) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(
        ("--"
                + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return body.toByteArray();
  }

  private static String sha256(byte[] bytes) throws Exception {
    return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
