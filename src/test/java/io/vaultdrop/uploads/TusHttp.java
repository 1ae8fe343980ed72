package io.vaultdrop.uploads;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client speaking tus 1.0 (and the JSON create calls) to a server on a port. */
final class TusHttp implements AutoCloseable {

  static final String OFFSET_STREAM = "application/offset+octet-stream";

  final String base;
  private final HttpClient client = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();

  TusHttp(int port) {
    this.base = "http://localhost:" + port;
  }

  static String metadata(String fileName) {
    return "filename "
        + Base64.getEncoder().encodeToString(fileName.getBytes(StandardCharsets.UTF_8));
  }

  HttpRequest.Builder request(String path, @Nullable String bearer) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
    if (bearer != null) {
      builder.header("Authorization", "Bearer " + bearer);
    }
    return builder;
  }

  HttpResponse<String> send(HttpRequest request) throws Exception {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<byte[]> sendForBytes(HttpRequest request) throws Exception {
    return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  /** POST /api/v1/uploads; returns the response (Location names the upload). */
  HttpResponse<String> create(long length, String fileName, @Nullable String bearer)
      throws Exception {
    return send(
        request("/api/v1/uploads", bearer)
            .header("Tus-Resumable", "1.0.0")
            .header("Upload-Length", Long.toString(length))
            .header("Upload-Metadata", metadata(fileName))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build());
  }

  /** Creates an upload and returns its path (the Location). */
  String start(long length, String fileName, @Nullable String bearer) throws Exception {
    HttpResponse<String> response = create(length, fileName, bearer);
    if (response.statusCode() != 201) {
      throw new AssertionError("create: " + response.statusCode() + " " + response.body());
    }
    return response.headers().firstValue("Location").orElseThrow();
  }

  HttpResponse<String> head(String location, @Nullable String bearer) throws Exception {
    return send(
        request(location, bearer)
            .header("Tus-Resumable", "1.0.0")
            .method("HEAD", HttpRequest.BodyPublishers.noBody())
            .build());
  }

  long offset(String location, @Nullable String bearer) throws Exception {
    HttpResponse<String> response = head(location, bearer);
    if (response.statusCode() != 200) {
      throw new AssertionError("HEAD: " + response.statusCode());
    }
    return Long.parseLong(response.headers().firstValue("Upload-Offset").orElseThrow());
  }

  HttpResponse<String> patch(String location, long offset, byte[] bytes, @Nullable String bearer)
      throws Exception {
    return send(
        request(location, bearer)
            .header("Tus-Resumable", "1.0.0")
            .header("Content-Type", OFFSET_STREAM)
            .header("Upload-Offset", Long.toString(offset))
            .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes))
            .build());
  }

  HttpResponse<String> delete(String location, @Nullable String bearer) throws Exception {
    return send(request(location, bearer).header("Tus-Resumable", "1.0.0").DELETE().build());
  }

  /** Uploads {@code content} completely in one PATCH; returns the upload id. */
  String upload(byte[] content, String fileName, @Nullable String bearer) throws Exception {
    String location = start(content.length, fileName, bearer);
    if (content.length > 0) {
      HttpResponse<String> patched = patch(location, 0, content, bearer);
      if (patched.statusCode() != 204) {
        throw new AssertionError("PATCH: " + patched.statusCode() + " " + patched.body());
      }
    }
    return idOf(location);
  }

  static String idOf(String location) {
    return location.substring(location.lastIndexOf('/') + 1);
  }

  /** A JSON POST (a create call naming a finished upload). */
  HttpResponse<String> postJson(String path, String body, @Nullable String bearer)
      throws Exception {
    return send(
        request(path, bearer)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  HttpResponse<byte[]> get(String path, @Nullable String bearer) throws Exception {
    return sendForBytes(request(path, bearer).GET().build());
  }

  HttpResponse<byte[]> postForBytes(String path, String jsonBody, @Nullable String bearer)
      throws Exception {
    return sendForBytes(
        request(path, bearer)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(jsonBody))
            .build());
  }

  String token(String email, String password) throws Exception {
    HttpResponse<String> response =
        postJson(
            "/api/v1/auth/token",
            "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}",
            null);
    if (response.statusCode() != 200) {
      throw new AssertionError("token: " + response.statusCode());
    }
    return json(response.body()).get("accessToken").asString();
  }

  JsonNode json(String body) {
    return json.readTree(body);
  }

  @Override
  public void close() {
    client.close();
  }
}
