package io.vaultdrop.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.testsupport.SmallDisk;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The embedded H2 and the blobs on a small tmpfs that fills up: an upload is answered {@code 507
 * insufficient_storage} with the real cause in the log, nothing of it becomes visible, what was
 * stored before is intact, and once space is freed the node serves again without a restart. One
 * subclass per storage backend that writes to the disk: with {@code filesystem} the blob write hits
 * the full disk, with {@code database} H2 does (and closes its database).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "vaultdrop.scheduling.enabled=false")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
abstract class FullDiskContract {

  /** The disk of the test class running now (classes run one after another). */
  static SmallDisk disk;

  @LocalServerPort int port;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Call from the subclass's {@code @DynamicPropertySource}. */
  static void onASmallDisk(DynamicPropertyRegistry registry, String storageType) {
    SmallDisk mounted = SmallDisk.mount(48);
    disk = mounted;
    registry.add("vaultdrop.storage.type", () -> storageType);
    registry.add("vaultdrop.data-dir", () -> mounted.root().toString());
    registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + mounted.root() + "/db/vaultdrop");
  }

  /** Checks that the refused upload left nothing a sweeper would not remove. */
  abstract void assertNothingOfTheRefusedUploadRemains() throws Exception;

  @AfterAll
  static void unmount() {
    disk.close();
  }

  @Test
  void fullDisk_uploadIs507_nothingStaysBehind_andTheNodeRecoversOnceSpaceIsFreed(
      CapturedOutput output) throws Exception {
    byte[] before = random(300_000, 1);
    String kept = createShare(before, 201);

    disk.fill(256 * 1024);
    HttpResponse<String> refused = upload(random(4 << 20, 2));
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(507);
    assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(refused.body()).contains("\"code\":\"insufficient_storage\"");
    assertThat(output).contains("insufficient_storage").contains("No space left on device");
    assertThat(output).doesNotContain("Self-suppression");

    disk.free();

    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (get("/actuator/health").statusCode() != 200) {
      assertThat(System.nanoTime()).as("health UP once space is free").isLessThan(deadline);
      Thread.sleep(200);
    }
    byte[] after = random(500_000, 3);
    String created = createShare(after, 201);
    assertThat(download(created)).isEqualTo(after);
    assertThat(download(kept)).as("what was stored before the disk filled").isEqualTo(before);
    assertNothingOfTheRefusedUploadRemains();
  }

  private String createShare(byte[] content, int expected) throws Exception {
    HttpResponse<String> created = upload(content);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(expected);
    return created.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
  }

  private HttpResponse<String> upload(byte[] content) throws Exception {
    String boundary = "vaultdrop-full-disk";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(
        ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"maxDownloads\"\r\n\r\n5\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    body.write(content);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return http.send(
        HttpRequest.newBuilder(uri("/api/v1/shares"))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private byte[] download(String token) throws Exception {
    HttpResponse<byte[]> response =
        http.send(
            HttpRequest.newBuilder(uri("/api/v1/shares/" + token + "/download"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new SplittableRandom(seed).nextBytes(bytes);
    return bytes;
  }
}
