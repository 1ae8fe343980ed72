package io.vaultdrop.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP calls to the vault API with a bearer token ({@code null}: anonymous). */
final class VaultHttp {

  static final String BOUNDARY = "vault-test-boundary-7d2e";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient client = HttpClient.newHttpClient();
  private final String base;

  VaultHttp(int port) {
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

  /** Uploads one file with a known Content-Length. */
  HttpResponse<String> upload(String token, String fileName, byte[] content) throws Exception {
    return send(
        "POST",
        "/api/v1/files",
        token,
        "multipart/form-data; boundary=" + BOUNDARY,
        HttpRequest.BodyPublishers.ofByteArray(multipart(fileName, content)));
  }

  /** Uploads one file as a chunked body: the server cannot know its length in advance. */
  HttpResponse<String> uploadChunked(String token, String fileName, byte[] content)
      throws Exception {
    byte[] body = multipart(fileName, content);
    return send(
        "POST",
        "/api/v1/files",
        token,
        "multipart/form-data; boundary=" + BOUNDARY,
        // ofInputStream has no length: the body goes out chunked.
        HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
  }

  HttpResponse<String> get(String path, String token) throws Exception {
    return send("GET", path, token, null, HttpRequest.BodyPublishers.noBody());
  }

  HttpResponse<byte[]> bytes(String pathOrUrl, String token) throws Exception {
    String url = pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl;
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** A download whose body is read as it arrives. */
  HttpResponse<java.io.InputStream> stream(String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  HttpResponse<String> delete(String path, String token) throws Exception {
    return send("DELETE", path, token, null, HttpRequest.BodyPublishers.noBody());
  }

  HttpResponse<String> postJson(String path, String token, String body) throws Exception {
    return send(
        "POST",
        path,
        token,
        body == null ? null : "application/json",
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
  }

  /** A POST of a share link's download, with an optional password as JSON. */
  HttpResponse<byte[]> shareDownload(String token, String password) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + "/api/v1/shares/" + token + "/download"));
    if (password == null) {
      request.POST(HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"password\":\"" + password + "\"}"));
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<String> send(
      String method, String path, String token, String contentType, HttpRequest.BodyPublisher body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).method(method, body);
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(String body) {
    return JSON.readTree(body);
  }

  /** A multipart body with one file part named {@code file}. */
  static byte[] multipart(String fileName, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        ("--"
                + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    out.writeBytes(content);
    out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }
}
