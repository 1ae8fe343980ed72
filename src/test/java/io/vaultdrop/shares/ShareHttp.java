package io.vaultdrop.shares;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client for the share API of a server on {@code port}. */
final class ShareHttp implements AutoCloseable {

  static final String BOUNDARY = "share-test-boundary-51c2";

  private final int port;
  private final HttpClient client = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();

  ShareHttp(int port) {
    this.port = port;
  }

  URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  /** A multipart body: the given fields first, then the file, then {@code after} fields. */
  static byte[] multipart(
      Map<String, String> before, String fileName, byte[] content, Map<String, String> after) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    before.forEach((k, v) -> field(body, k, v));
    body.writeBytes(
        ("--"
                + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    after.forEach((k, v) -> field(body, k, v));
    body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return body.toByteArray();
  }

  /** A multipart body: the given fields first, then one {@code file} part per entry, in order. */
  static byte[] multipartFiles(Map<String, String> before, List<Map.Entry<String, byte[]>> files) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    before.forEach((k, v) -> field(body, k, v));
    for (Map.Entry<String, byte[]> file : files) {
      body.writeBytes(
          ("--"
                  + BOUNDARY
                  + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                  + file.getKey()
                  + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      body.writeBytes(file.getValue());
      body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return body.toByteArray();
  }

  /** {@code POST …/download?file=N}. */
  HttpResponse<byte[]> downloadFile(String token, int index)
      throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(uri("/api/v1/shares/" + token + "/download?file=" + index))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static void field(ByteArrayOutputStream body, String name, String value) {
    body.writeBytes(
        ("--"
                + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\""
                + name
                + "\"\r\n\r\n"
                + value
                + "\r\n")
            .getBytes(StandardCharsets.UTF_8));
  }

  HttpResponse<String> create(
      String fileName, byte[] content, Map<String, String> fields, @Nullable String bearer)
      throws IOException, InterruptedException {
    return create(multipart(fields, fileName, content, Map.of()), bearer);
  }

  HttpResponse<String> create(byte[] multipartBody, @Nullable String bearer)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri("/api/v1/shares"))
            .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
            .POST(HttpRequest.BodyPublishers.ofByteArray(multipartBody));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Creates a share and returns the 201 body. */
  JsonNode created(String fileName, byte[] content, Map<String, String> fields)
      throws IOException, InterruptedException {
    HttpResponse<String> response = create(fileName, content, fields, null);
    if (response.statusCode() != 201) {
      throw new AssertionError("create answered " + response.statusCode() + ": " + response.body());
    }
    return json(response);
  }

  static Map<String, String> fields(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }

  HttpResponse<String> metadata(String token) throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(uri("/api/v1/shares/" + token)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<byte[]> download(String token, @Nullable String password)
      throws IOException, InterruptedException {
    return client.send(
        downloadRequest(token, password).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** {@code POST …/download}, with the password as JSON when there is one. */
  HttpRequest.Builder downloadRequest(String token, @Nullable String password) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri("/api/v1/shares/" + token + "/download"));
    if (password == null) {
      return request.POST(HttpRequest.BodyPublishers.noBody());
    }
    return request
        .header("Content-Type", "application/json")
        .POST(
            HttpRequest.BodyPublishers.ofString(
                json.writeValueAsString(Map.of("password", password))));
  }

  /** Resumes an aborted download with its resume token and a {@code Range} header. */
  HttpResponse<byte[]> resume(
      String token, @Nullable String password, String resumeToken, @Nullable String range)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        downloadRequest(token, password).header("Vaultdrop-Resume-Token", resumeToken);
    if (range != null) {
      request.header("Range", range);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /**
   * Starts a download, reads only its first {@code bytes} bytes, then drops the connection, like a
   * client whose network broke.
   *
   * @return the response headers and the bytes that arrived
   */
  PartialDownload abortAfter(String token, int bytes) throws IOException, InterruptedException {
    HttpResponse<java.io.InputStream> response =
        client.send(
            downloadRequest(token, null).build(), HttpResponse.BodyHandlers.ofInputStream());
    try (java.io.InputStream body = response.body()) {
      return new PartialDownload(response, body.readNBytes(bytes));
    }
  }

  record PartialDownload(HttpResponse<?> response, byte[] received) {}

  HttpResponse<String> delete(String token, @Nullable String revokeToken, @Nullable String bearer)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/shares/" + token)).DELETE();
    if (revokeToken != null) {
      request.header("Revoke-Token", revokeToken);
    }
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path, String userAgent) throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(uri(path)).header("User-Agent", userAgent).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<Void> head(String path) throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(uri(path))
            .method("HEAD", HttpRequest.BodyPublishers.noBody())
            .header("User-Agent", BROWSER)
            .build(),
        HttpResponse.BodyHandlers.discarding());
  }

  String bearer(String email, String password) throws IOException, InterruptedException {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(uri("/api/v1/auth/token"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        json.writeValueAsString(Map.of("email", email, "password", password))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError("token answered " + response.statusCode());
    }
    return json(response).get("accessToken").asString();
  }

  JsonNode json(HttpResponse<String> response) {
    return json.readTree(response.body());
  }

  HttpClient client() {
    return client;
  }

  static final String BROWSER =
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0"
          + " Safari/537.36";

  @Override
  public void close() {
    client.close();
  }
}
