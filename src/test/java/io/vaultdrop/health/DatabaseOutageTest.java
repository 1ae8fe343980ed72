package io.vaultdrop.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.testsupport.TcpProxy;
import io.vaultdrop.testsupport.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PostgreSQL behind a TCP proxy that the test takes down: every connection is reset and new ones
 * are refused, as when the database host dies. The limits asserted are the issue's own: health
 * answers 503 within 10 s, an API call 503 {@code unavailable} within 5 s; the node serves again
 * once the database is back, without a restart. (Generous on a noisy machine: the configured
 * connect timeout is 3 s.)
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "vaultdrop.scheduling.enabled=false",
      "vaultdrop.admin.email=" + DatabaseOutageTest.ADMIN,
      "vaultdrop.admin.password=" + DatabaseOutageTest.PASSWORD
    })
class DatabaseOutageTest {

  static final String ADMIN = "root@vaultdrop.test";
  static final String PASSWORD = "outage admin password";

  /** Well-formed, unknown: a lookup that needs the database and answers 404 when it is there. */
  static final String UNKNOWN_SHARE = "A".repeat(65);

  @RegisterExtension static final TestDatabase db = TestDatabase.postgres();

  static TcpProxy proxy;

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) throws Exception {
    URI server = URI.create(db.url().substring("jdbc:".length()));
    proxy = new TcpProxy(server.getHost(), server.getPort());
    registry.add(
        "spring.datasource.url",
        () -> "jdbc:postgresql://127.0.0.1:" + proxy.port() + server.getPath());
    registry.add("spring.datasource.username", db::username);
    registry.add("spring.datasource.password", db::password);
    registry.add("vaultdrop.data-dir", Files.createTempDirectory("vaultdrop-db-outage")::toString);
  }

  @AfterAll
  static void stopProxy() {
    proxy.close();
  }

  @Test
  void databaseDown_healthAndApiAnswer503InTime_andTheNodeRecoversByItself() throws Exception {
    assertThat(jdbc.sql("SHOW statement_timeout").query(String.class).single())
        .as("the pool's connections carry the statement limit")
        .isEqualTo("30s");
    String token = accessToken();
    assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
    assertThat(get("/api/v1/shares/" + UNKNOWN_SHARE, null).statusCode()).isEqualTo(404);
    assertThat(get("/api/v1/me", token).statusCode()).isEqualTo(200);

    proxy.cut();

    long start = System.nanoTime();
    HttpResponse<String> health = get("/actuator/health", null);
    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(health.body()).isEqualTo("{\"status\":\"DOWN\"}");
    assertThat(elapsed(start)).isLessThan(Duration.ofSeconds(10));
    assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(503);
    assertThat(get("/actuator/health/liveness", null).statusCode())
        .as("a database outage must not restart the node")
        .isEqualTo(200);

    for (String[] call :
        new String[][] {{"/api/v1/shares/" + UNKNOWN_SHARE, null}, {"/api/v1/me", token}}) {
      start = System.nanoTime();
      HttpResponse<String> api = get(call[0], call[1]);
      assertThat(api.statusCode()).as(call[0] + ": " + api.body()).isEqualTo(503);
      assertThat(api.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(api.body()).contains("\"code\":\"unavailable\"");
      assertThat(elapsed(start)).as(call[0]).isLessThan(Duration.ofSeconds(5));
    }

    HttpResponse<String> page =
        http.send(
            HttpRequest.newBuilder(uri("/s/" + UNKNOWN_SHARE))
                .header("Accept", "text/html")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(503);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(page.body()).contains("The service is unavailable for a moment");

    proxy.resume();

    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (get("/actuator/health", null).statusCode() != 200) {
      assertThat(System.nanoTime())
          .as("health UP again after the database is back")
          .isLessThan(deadline);
      Thread.sleep(200);
    }
    assertThat(get("/api/v1/shares/" + UNKNOWN_SHARE, null).statusCode()).isEqualTo(404);
    assertThat(get("/api/v1/me", token).statusCode()).isEqualTo(200);
  }

  private String accessToken() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri("/api/v1/auth/token"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\"" + ADMIN + "\",\"password\":\"" + PASSWORD + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body().replaceAll(".*\"accessToken\":\"([^\"]+)\".*", "$1");
  }

  private HttpResponse<String> get(String path, String bearer) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static Duration elapsed(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
