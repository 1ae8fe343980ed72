package io.vaultdrop.web.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The documented switch {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs}, in a child JVM (logging is
 * set up once per process): every line the application writes is one JSON object, and an access log
 * line carries method, route pattern, status, duration and bytes as members, never the token in the
 * URL or its query.
 */
class StructuredLogsTest {

  private static final String SECRET =
      "sEcReTtOkEn0123456789abcdefABCDEF0123456789abcdefABCDEF01234";

  @TempDir Path data;
  private Process app;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final JsonMapper json = JsonMapper.builder().build();

  @AfterEach
  void stop() throws Exception {
    if (app != null && app.isAlive()) {
      app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void ecsFormat_writesJsonLines_withTheAccessFieldsAsMembers() throws Exception {
    int port = freePort();
    Path log = data.resolve("app.log");
    start(port, log);

    HttpResponse<String> unknown =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + port
                            + "/api/v1/shares/"
                            + SECRET
                            + "?password=hunter2secret"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(unknown.statusCode()).isEqualTo(404);

    JsonNode access = awaitAccessLine(log, "/api/v1/shares/{token}");
    assertThat(access.at("/http/request/method").asString()).isEqualTo("GET");
    assertThat(access.at("/http/response/status_code").asInt()).isEqualTo(404);
    assertThat(access.at("/http/response/body/bytes").asLong())
        .isEqualTo(unknown.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    assertThat(access.at("/event/duration").isIntegralNumber()).isTrue();
    assertThat(access.at("/event/duration").asLong()).isPositive();
    assertThat(access.at("/log/level").asString()).isEqualTo("INFO");
    assertThat(access.at("/message").asString()).startsWith("GET /api/v1/shares/{token} 404 ");

    String all = Files.readString(log);
    assertThat(all).doesNotContain(SECRET).doesNotContain("hunter2secret");
    for (String line : applicationLines(log)) {
      assertThat(parse(line).isObject()).as(line).isTrue();
    }
  }

  private JsonNode awaitAccessLine(Path log, String route) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : applicationLines(log)) {
        JsonNode node = parse(line);
        if ("io.vaultdrop.access".equals(node.at("/log/logger").asString(""))
            && route.equals(node.at("/http/route").asString(""))) {
          return node;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no access line for " + route + ":\n" + Files.readString(log));
  }

  private JsonNode parse(String line) {
    try {
      return json.readTree(line);
    } catch (RuntimeException e) {
      throw new AssertionError("not a JSON line: " + line, e);
    }
  }

  /** The log's lines, without the JVM's own warnings (printed before logging starts). */
  private static List<String> applicationLines(Path log) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      if (!line.isBlank() && !line.startsWith("WARNING: ")) {
        lines.add(line);
      }
    }
    return lines;
  }

  private void start(int port, Path log) throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    List<String> command =
        List.of(
            java,
            "-Xmx384m",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            productionClassPath(),
            "io.vaultdrop.VaultdropApplication",
            "--server.port=" + port,
            "--vaultdrop.data-dir=" + data.resolve("data"));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
    app = builder.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (true) {
      try {
        HttpResponse<String> health =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200) {
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

  /**
   * This test's class path without the test classes: their {@code logback-test.xml} would replace
   * Boot's own logging set-up, which is what production runs with.
   */
  private static String productionClassPath() {
    return java.util.Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !Path.of(entry).endsWith("test-classes"))
        .collect(java.util.stream.Collectors.joining(File.pathSeparator));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
