package io.vaultdrop.uploads;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.accounts.Role;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The web pages' tus client, the real tus-js-client that the build installs into {@code
 * frontend/node_modules} and bundles into the jar, run under Node against {@code /api/v1/uploads}:
 * chunked uploads anonymous and with a bearer token turned into shares that download
 * byte-identical, and a second client process resuming an aborted upload from the server's offset.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "vaultdrop.scheduling.enabled=false",
      "vaultdrop.max-upload-size=16MB",
      "vaultdrop.shares.anonymous-max-size=8MB",
      "vaultdrop.uploads.chunk-size=256KB",
      "vaultdrop.uploads.anonymous-creates-per-hour=10000",
      "vaultdrop.uploads.creates-per-hour=10000",
      "vaultdrop.shares.rate-limits.anonymous-creates-per-hour=10000",
      "vaultdrop.shares.rate-limits.downloads-per-minute=10000"
    })
class TusJsClientTest extends AccountsWebTestSupport {

  private static final Path MODULES = Path.of("frontend", "node_modules").toAbsolutePath();
  private static final Path SCRIPT = Path.of("src/test/resources/tus/tus-node-client.cjs");
  private static final int CLIENT_CHUNK = 512 * 1024;
  private static final SecureRandom RANDOM = new SecureRandom();

  @LocalServerPort int port;
  @Autowired AccountService accounts;
  @TempDir Path dir;

  TusHttp http;

  @BeforeEach
  void client() throws IOException {
    http = new TusHttp(port);
    assertThat(MODULES.resolve("tus-js-client/package.json"))
        .as("the build (npm ci in frontend/) installs tus-js-client")
        .isRegularFile();
    assertThat(http.json(readPackage()).get("version").asString())
        .as("the version frontend/package-lock.json pins")
        .isEqualTo("4.3.1");
  }

  @Test
  void anonymousUpload_inSeveralChunks_becomesAShare_thatDownloadsTheSameBytes() throws Exception {
    byte[] content = random(3 * 1024 * 1024 + 12345);
    Path file = write("anonymous.bin", content);

    JsonNode result = node("upload", endpoint(), file.toString(), chunk(), null);

    List<Long> patches = offsets(result.get("patches"));
    assertThat(patches).hasSize(7).startsWith(0L, (long) CLIENT_CHUNK).isSorted();
    assertThat(downloadAsShare(TusHttp.idOf(result.get("url").asString()), null))
        .isEqualTo(content);
  }

  @Test
  void bearerUpload_becomesAShare_thatDownloadsTheSameBytes_andIsNobodyElses() throws Exception {
    String email = uniqueEmail();
    accounts.createUser(email, PASSWORD, Role.MEMBER, null, null);
    String bearer = http.token(email, PASSWORD);
    byte[] content = random(2 * 1024 * 1024);
    Path file = write("member.bin", content);

    JsonNode result = node("upload", endpoint(), file.toString(), chunk(), bearer);
    String location = path(result.get("url").asString());

    assertThat(offsets(result.get("patches"))).hasSize(4);
    assertThat(http.head(location, null).statusCode()).isEqualTo(404);
    assertThat(downloadAsShare(TusHttp.idOf(location), bearer)).isEqualTo(content);
  }

  @Test
  void abortedUpload_resumesInANewClient_fromTheServersOffset() throws Exception {
    byte[] content = random(3 * 1024 * 1024);
    Path file = write("resumed.bin", content);

    JsonNode started = node("start", endpoint(), file.toString(), chunk(), "2", null);
    String url = started.get("url").asString();
    String location = path(url);
    long stored = http.offset(location, null);
    assertThat(stored).isEqualTo(2L * CLIENT_CHUNK).isEqualTo(started.get("offset").asLong());

    JsonNode resumed = node("resume", endpoint(), file.toString(), chunk(), url, null);

    assertThat(resumed.get("url").asString()).isEqualTo(url);
    assertThat(resumed.get("heads").asInt()).isEqualTo(1);
    List<Long> patches = offsets(resumed.get("patches"));
    assertThat(patches).first().isEqualTo(stored);
    assertThat(patches).hasSize(4);
    assertThat(downloadAsShare(TusHttp.idOf(location), null)).isEqualTo(content);
  }

  // ---- helpers ---------------------------------------------------------------------------

  private String endpoint() {
    return http.base + "/api/v1/uploads";
  }

  /** The path of an upload URL (tus-js-client resolves the Location to an absolute URL). */
  private String path(String url) {
    assertThat(url).startsWith(endpoint() + "/");
    return URI.create(url).getRawPath();
  }

  private static String chunk() {
    return Integer.toString(CLIENT_CHUNK);
  }

  private static byte[] random(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  private Path write(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  private static String readPackage() throws IOException {
    return Files.readString(MODULES.resolve("tus-js-client/package.json"));
  }

  private static List<Long> offsets(JsonNode array) {
    List<Long> offsets = new ArrayList<>();
    array.forEach(node -> offsets.add(node.asLong()));
    return offsets;
  }

  /** Runs the Node client; its JSON answer, or the test fails with what it printed. */
  private JsonNode node(String mode, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("node", SCRIPT.toString(), MODULES.toString()));
    command.add(mode);
    for (String arg : args) {
      if (arg != null) {
        command.add(arg);
      }
    }
    Path out = dir.resolve("node.out");
    Path err = dir.resolve("node.err");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    boolean finished = process.waitFor(2, TimeUnit.MINUTES);
    if (!finished) {
      process.destroyForcibly();
    }
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    assertThat(finished && process.exitValue() == 0)
        .as("node %s: %s %s", mode, stdout, stderr)
        .isTrue();
    return http.json(stdout);
  }

  private byte[] downloadAsShare(String uploadId, @Nullable String bearer) throws Exception {
    HttpResponse<String> created =
        http.postJson("/api/v1/shares", "{\"uploadId\":\"" + uploadId + "\"}", bearer);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String token = http.json(created.body()).get("token").asString();
    HttpResponse<byte[]> download =
        http.postForBytes("/api/v1/shares/" + token + "/download", "{}", null);
    assertThat(download.statusCode()).isEqualTo(200);
    return download.body();
  }
}
