package io.vaultdrop.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

@WebIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class AccessLogTest {

  @LocalServerPort int port;

  @Test
  void accessLog_namesTheRoutePattern_neverTheTokenOrQuery(CapturedOutput output) throws Exception {
    String token = "tOkEn7Q2xV9mZ4";
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://localhost:" + port + "/api/test/s/" + token + "?token=SECRET42"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);

    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(output.getOut()).contains("GET /api/test/s/{token} 200 "));
    assertThat(output.getAll()).contains("io.vaultdrop.access").doesNotContain(token, "SECRET42");
  }

  @Test
  void accessLog_countsBodyBytes(CapturedOutput output) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    client.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/test/download?name=a"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(output.getOut())
                    .contains("GET /api/test/download 200 ")
                    .contains("ms 25B"));
  }
}
