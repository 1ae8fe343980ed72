package io.vaultdrop.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import webtest.UploadProbe;

/** The streaming parser over a real HTTP connection. */
@WebIntegrationTest
class StreamingMultipartTest {

  static final long SIZE = 64L * 1024 * 1024;

  @LocalServerPort int port;

  @Value("${server.tomcat.basedir}")
  Path tomcatBaseDir;

  @Autowired UploadProbe probe;
  final HttpClient client = HttpClient.newHttpClient();

  @Test
  void largeUpload_streamsThrough_withoutTemporaryFiles() throws Exception {
    Path tmp = UploadProbe.tmpDir().toRealPath();
    Path tomcat = tomcatBaseDir.toRealPath();
    Set<Path> tmpBefore = new HashSet<>(UploadProbe.listing(tmp, 1));
    Set<Path> tomcatBefore = new HashSet<>(UploadProbe.listing(tomcat, 10));
    Set<Path> openBefore = new HashSet<>(probe.openFiles());
    probe.reset();
    MultipartBodies body =
        new MultipartBodies()
            .field("title", "before")
            .file("file", "../../etc/\u202Egpj.exe\u202C.txt", "image/png", SIZE, 42)
            .field("note", "after")
            .end();

    HttpResponse<String> response = post("/api/test/upload", body);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("\"sha256\":\"" + MultipartBodies.sha256(SIZE, 42) + "\"")
        .contains("\"size\":" + SIZE)
        .contains("\"fileName\":\"gpj.exe.txt\"")
        .contains("\"contentType\":\"image/png\"")
        .contains("\"before\":{\"title\":[\"before\"]}")
        .contains("\"all\":{\"title\":[\"before\"],\"note\":[\"after\"]}");
    assertThat(probe.observed()).isTrue();
    assertThat(probe.openFilesAtMidpoint())
        .filteredOn(path -> !openBefore.contains(path))
        .as("files opened by the upload and held open half-way through it")
        .noneMatch(path -> path.startsWith(tmp) || path.startsWith(tomcat));
    assertThat(probe.tmpListingAtMidpoint())
        .filteredOn(path -> !tmpBefore.contains(path))
        .as("new files in java.io.tmpdir half-way through the upload")
        .noneMatch(path -> path.getFileName().toString().startsWith("upload_") || large(path));
    assertThat(UploadProbe.listing(tomcat, 10))
        .as("Tomcat work directory after the upload")
        .allMatch(tomcatBefore::contains);
  }

  @Test
  void overLimit_isRefusedWhileTheClientIsStillSending() throws Exception {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /api/test/upload?limit=1048576 HTTP/1.1\r\nHost: localhost\r\n"
                  + "Content-Type: "
                  + MultipartBodies.CONTENT_TYPE
                  + "\r\n"
                  + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      InputStream body =
          new MultipartBodies()
              .file("file", "big.bin", "application/octet-stream", SIZE, 7).end().stream();
      AtomicLong sent = new AtomicLong();
      CompletableFuture<Void> sending =
          CompletableFuture.runAsync(() -> sendChunked(body, out, sent));

      String response = readResponse(socket.getInputStream());
      long sentWhenAnswered = sent.get();

      assertThat(response)
          .startsWith("HTTP/1.1 413")
          .containsIgnoringCase("content-type: application/problem+json")
          .contains("\"code\":\"too_large\"");
      assertThat(sentWhenAnswered).isLessThan(SIZE);
      socket.close();
      sending.get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void declaredLengthOverLimit_isRefusedBeforeTheBodyArrives() throws Exception {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(30_000);
      socket
          .getOutputStream()
          .write(
              ("POST /api/test/upload?limit=1048576 HTTP/1.1\r\nHost: localhost\r\n"
                      + "Content-Type: "
                      + MultipartBodies.CONTENT_TYPE
                      + "\r\n"
                      + "Content-Length: 10737418240\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String response = readResponse(socket.getInputStream());
      assertThat(response).startsWith("HTTP/1.1 413").contains("\"code\":\"too_large\"");
    }
  }

  @Test
  void tooManyParts_isRefused() throws Exception {
    MultipartBodies body = new MultipartBodies();
    for (int i = 0; i < StreamingMultipart.MAX_PARTS; i++) {
      body.field("f" + i, "x");
    }
    body.file("file", "a.txt", "text/plain", 10, 1).end();
    HttpResponse<String> response = post("/api/test/upload", body);
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("\"code\":\"too_large\"");
  }

  @Test
  void oversizedField_isRefused() throws Exception {
    MultipartBodies body =
        new MultipartBodies()
            .field("title", "x".repeat(StreamingMultipart.MAX_FIELD_BYTES + 1))
            .file("file", "a.txt", "text/plain", 10, 1)
            .end();
    HttpResponse<String> response = post("/api/test/upload", body);
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("\"code\":\"too_large\"");
  }

  @Test
  void missingFilePart_isBadRequest() throws Exception {
    HttpResponse<String> response =
        post("/api/test/upload", new MultipartBodies().field("title", "x").end());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("\"code\":\"invalid_request\"");
  }

  @Test
  void invalidPartName_isBadRequest() throws Exception {
    MultipartBodies body =
        new MultipartBodies().field("bad name<>", "x").file("file", "a", "text/plain", 1, 1).end();
    HttpResponse<String> response = post("/api/test/upload", body);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("\"code\":\"invalid_request\"");
  }

  @Test
  void repeatedNameParameter_isRefused() throws Exception {
    String body =
        "--"
            + MultipartBodies.BOUNDARY
            + "\r\nContent-Disposition: form-data; name=\"note\"; name=\"file\"; filename=\"x\""
            + "\r\n\r\ncontent\r\n--"
            + MultipartBodies.BOUNDARY
            + "--\r\n";
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(uri("/api/test/upload"))
                .header("Content-Type", MultipartBodies.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("repeats a Content-Disposition parameter");
  }

  @Test
  void brokenMultipart_isMalformedRequest() throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(uri("/api/test/upload"))
                .header("Content-Type", MultipartBodies.CONTENT_TYPE)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "--" + MultipartBodies.BOUNDARY + "\r\nbroken"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("\"code\":\"malformed_request\"");
  }

  @Test
  void jsonWithoutAnUploadId_isABadRequest() throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(uri("/api/test/upload"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("uploadId");
  }

  @Test
  void notMultipart_isUnsupportedMediaType() throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(uri("/api/test/upload"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).contains("\"code\":\"unsupported_media_type\"");
  }

  private HttpResponse<String> post(String path, MultipartBodies body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", MultipartBodies.CONTENT_TYPE)
            .POST(
                HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(body::stream), body.length()))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private static boolean large(Path path) {
    try {
      return Files.size(path) >= 1024 * 1024;
    } catch (IOException gone) {
      return false;
    }
  }

  private static void sendChunked(InputStream body, OutputStream out, AtomicLong sent) {
    byte[] buffer = new byte[16 * 1024];
    try {
      for (int n; (n = body.read(buffer)) > 0; ) {
        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(buffer, 0, n);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        sent.addAndGet(n);
      }
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    } catch (IOException closedByServer) {
      // expected: the server stops reading once the limit is passed
    }
  }

  /** Reads the status line, headers and (up to 64 KiB of) body until the server closes. */
  private static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; received.size() < 65536 && (n = in.read(buffer)) > 0; ) {
        received.write(buffer, 0, n);
        String text = received.toString(StandardCharsets.UTF_8);
        if (text.contains("\r\n\r\n") && text.contains("}")) {
          break;
        }
      }
    } catch (IOException resetAfterResponse) {
      // the server may reset the connection after answering; keep what arrived
    }
    return received.toString(StandardCharsets.UTF_8);
  }
}
