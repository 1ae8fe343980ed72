package io.vaultdrop.tool;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.testsupport.Eventually;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP calls to the tool API with a bearer token. */
final class ToolHttp {

  static final String BOUNDARY = "tool-test-boundary-4b1c";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient client = HttpClient.newHttpClient();
  private final String base;

  ToolHttp(int port) {
    this.base = "http://localhost:" + port;
  }

  String token(String email, String password) throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return json(response.body()).get("accessToken").asString();
  }

  HttpResponse<String> post(String path, String token, Multipart body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<byte[]> head(String pathOrUrl, String token) throws Exception {
    String url = pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl;
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).method("HEAD", HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<byte[]> get(String pathOrUrl, String token) throws Exception {
    String url = pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl;
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static JsonNode json(String body) {
    return JSON.readTree(body);
  }

  /** Waits until the condition holds: the server records a download after the last byte. */
  static void eventually(BooleanSupplier condition) throws InterruptedException {
    Eventually.eventually(condition);
  }

  /** A small multipart body, parts in the given order. */
  static final class Multipart {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Multipart field(String name, String value) {
      write(
          "--"
              + BOUNDARY
              + "\r\nContent-Disposition: form-data; name=\""
              + name
              + "\"\r\n\r\n"
              + value
              + "\r\n");
      return this;
    }

    Multipart file(String name, String fileName, byte[] content) {
      write(
          "--"
              + BOUNDARY
              + "\r\nContent-Disposition: form-data; name=\""
              + name
              + "\"; filename=\""
              + fileName
              + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
      out.writeBytes(content);
      write("\r\n");
      return this;
    }

    byte[] bytes() {
      ByteArrayOutputStream copy = new ByteArrayOutputStream();
      copy.writeBytes(out.toByteArray());
      copy.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
      return copy.toByteArray();
    }

    private void write(String text) {
      out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
  }
}
