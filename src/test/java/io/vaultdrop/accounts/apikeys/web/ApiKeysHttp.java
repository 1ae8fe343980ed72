package io.vaultdrop.accounts.apikeys.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP calls with a bearer credential (a JWT or an API key; {@code null}: anonymous). */
final class ApiKeysHttp {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String BOUNDARY = "api-key-test-boundary";

  private final HttpClient client = HttpClient.newHttpClient();
  private final String base;

  ApiKeysHttp(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  String base() {
    return base;
  }

  String jwt(String email, String password) throws Exception {
    HttpResponse<String> response =
        send(
            "POST",
            "/api/v1/auth/token",
            null,
            "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    assertThat(response.statusCode()).isEqualTo(200);
    return json(response.body()).get("accessToken").asString();
  }

  /** Creates a key through the API; returns the whole answer. */
  JsonNode createKey(String jwt, String name, String scopesJson) throws Exception {
    HttpResponse<String> response =
        send(
            "POST",
            "/api/v1/api-keys",
            jwt,
            "{\"name\":\"" + name + "\",\"scopes\":" + scopesJson + "}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json(response.body());
  }

  HttpResponse<String> send(String method, String path, String bearer, String jsonBody)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(
                method,
                jsonBody == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(jsonBody));
    if (jsonBody != null) {
      request.header("Content-Type", "application/json");
    }
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path, String bearer) throws Exception {
    return send("GET", path, bearer, null);
  }

  /** A multipart upload of one small file to the vault. */
  HttpResponse<String> uploadToVault(String bearer, String name, String content) throws Exception {
    String body =
        "--"
            + BOUNDARY
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
            + name
            + "\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            + content
            + "\r\n--"
            + BOUNDARY
            + "--\r\n";
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + "/api/v1/files"))
            .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(String body) {
    return JSON.readTree(body);
  }
}
