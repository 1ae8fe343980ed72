package io.vaultdrop.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged {@code target/vaultdrop.jar} the way a newcomer does: no configuration, an
 * empty working folder. Runs in the {@code integration-test} phase, after {@code package}.
 */
class ExecutableJarIT {

  private static final Path JAR = Path.of("target", "vaultdrop.jar").toAbsolutePath();

  /** The line that tells a newcomer where to point the browser, once the server is ready. */
  private static final Pattern READY =
      Pattern.compile("Vaultdrop is ready: open http://localhost:(\\d+)/$");

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  @TempDir Path workDir;

  @Test
  void jar_withoutConfiguration_createsDataFolder_andKeepsDataReadableAfterRestart()
      throws Exception {
    byte[] firstKey;
    byte[] content = ("kept across restarts " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
    String capsule;
    try (RunningServer server = start(Map.of())) {
      assertThat(server.get("/actuator/health")).isEqualTo("{\"status\":\"UP\"}");
      Path keyFile = workDir.resolve("data/keys/master.key");
      assertThat(keyFile).isRegularFile();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
          .isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile.getParent())))
          .isEqualTo("rwx------");
      firstKey = Files.readAllBytes(keyFile);
      capsule = server.storeCapsule(content);
    }

    try (RunningServer server = start(Map.of())) {
      assertThat(server.get("/actuator/health")).isEqualTo("{\"status\":\"UP\"}");
      assertThat(Files.readAllBytes(workDir.resolve("data/keys/master.key"))).isEqualTo(firstKey);
      assertThat(server.openCapsule(capsule))
          .as("stored before the restart, readable after")
          .isEqualTo(content);
    }
  }

  /** What a vulnerability scanner reads: the CycloneDX bill of materials inside the jar. */
  @Test
  void jar_carriesItsBillOfMaterials() throws Exception {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      JarEntry sbom = jar.getJarEntry("META-INF/sbom/application.cdx.json");
      assertThat(sbom).as("SBOM in the jar").isNotNull();
      String json = new String(jar.getInputStream(sbom).readAllBytes(), StandardCharsets.UTF_8);
      assertThat(json)
          .contains("\"bomFormat\"", "CycloneDX")
          .contains("pkg:maven/com.google.crypto.tink/tink@")
          .contains("pkg:maven/org.springframework/spring-webmvc@");
    }
  }

  /** The web pages' tus client, built from npm into the jar (never fetched from a CDN). */
  @Test
  void jar_carriesTheBundledTusClientAndItsLicense() throws Exception {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      JarEntry bundle = jar.getJarEntry("BOOT-INF/classes/static/vendor/tus.min.js");
      assertThat(bundle).as("tus-js-client bundle in the jar").isNotNull();
      assertThat(bundle.getSize()).isGreaterThan(10_000);
      assertThat(jar.getJarEntry("BOOT-INF/classes/static/vendor/licenses/tus-js-client/LICENSE"))
          .as("its license next to it")
          .isNotNull();
    }
  }

  @Test
  void jar_withInvalidSetting_stopsWithOneLineNamingTheVariable() throws Exception {
    Process process = launch(Map.of("VAULTDROP_MAX_UPLOAD_SIZE", "plenty"));
    assertThat(process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.exitValue()).isNotZero();
    assertThat(output)
        .contains("Invalid configuration: VAULTDROP_MAX_UPLOAD_SIZE")
        .doesNotContain("plenty");
  }

  @Test
  void jar_withMalformedMasterKey_refusesToStartWithoutEchoingIt() throws Exception {
    String badKey = "c2VjcmV0LWJ1dC10b28tc2hvcnQ=";
    Process process = launch(Map.of("VAULTDROP_MASTER_KEY", badKey));
    assertThat(process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.exitValue()).isNotZero();
    assertThat(output).contains("VAULTDROP_MASTER_KEY").doesNotContain(badKey);
  }

  private RunningServer start(Map<String, String> environment) throws Exception {
    Process process = launch(environment);
    StringBuilder output = new StringBuilder();
    var reader = process.inputReader(StandardCharsets.UTF_8);
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    String line;
    while (System.nanoTime() < deadline && (line = reader.readLine()) != null) {
      output.append(line).append('\n');
      Matcher matcher = READY.matcher(line);
      if (matcher.find()) {
        Thread drain = Thread.ofVirtual().start(() -> reader.lines().forEach(ignored -> {}));
        RunningServer server =
            new RunningServer(process, Integer.parseInt(matcher.group(1)), drain);
        // The port opens before start-up has finished (runners, start-up sweeps): until then
        // health says OUT_OF_SERVICE, as a load balancer should see it. Wait for readiness.
        while (System.nanoTime() < deadline) {
          try {
            if (server.get("/actuator/health").equals("{\"status\":\"UP\"}")) {
              return server;
            }
          } catch (java.io.IOException notYet) {
            // the listener is not answering yet
          }
          Thread.sleep(100);
        }
        return server;
      }
    }
    process.destroyForcibly();
    throw new AssertionError("server did not start:\n" + output);
  }

  private Process launch(Map<String, String> environment) throws IOException {
    String java = ProcessHandle.current().info().command().orElseThrow();
    ProcessBuilder builder =
        new ProcessBuilder(java, "-Xmx256m", "-jar", JAR.toString())
            .directory(workDir.toFile())
            .redirectErrorStream(true);
    builder
        .environment()
        .keySet()
        .removeIf(k -> k.startsWith("VAULTDROP_") || k.startsWith("SPRING_"));
    builder.environment().put("SERVER_PORT", "0");
    builder.environment().putAll(environment);
    return builder.start();
  }

  private record RunningServer(Process process, int port, Thread drain) implements AutoCloseable {

    String get(String path) throws Exception {
      try (HttpClient client = HttpClient.newHttpClient()) {
        HttpRequest request =
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
      }
    }

    /** Stores {@code content} as a capsule (anonymous upload) and returns its JWE. */
    String storeCapsule(byte[] content) throws Exception {
      String boundary = "----jar-it-" + System.nanoTime();
      var body = new java.io.ByteArrayOutputStream();
      body.writeBytes(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\""
                  + "\r\nContent-Type: text/plain\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      body.writeBytes(content);
      body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
      try (HttpClient client = HttpClient.newHttpClient()) {
        HttpResponse<String> response =
            client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/capsules"))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        Matcher jwe = Pattern.compile("\"jwe\":\"([^\"]+)\"").matcher(response.body());
        assertThat(jwe.find()).isTrue();
        return jwe.group(1);
      }
    }

    byte[] openCapsule(String jwe) throws Exception {
      try (HttpClient client = HttpClient.newHttpClient()) {
        HttpResponse<byte[]> response =
            client.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/capsules/open"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jwe\":\"" + jwe + "\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
      }
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy(); // SIGTERM: graceful shutdown
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
      drain.join(Duration.ofSeconds(5));
    }
  }
}
