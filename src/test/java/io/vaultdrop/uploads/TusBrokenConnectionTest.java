package io.vaultdrop.uploads;

import static io.vaultdrop.testsupport.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.accounts.AccountsWebTestSupport;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A connection that breaks in the middle of a PATCH: what arrived is kept (in whole chunks and a
 * last partial one), HEAD reports it, and the upload continues from there to a byte-identical file.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "vaultdrop.scheduling.enabled=false",
      "vaultdrop.uploads.chunk-size=64KB",
      "vaultdrop.uploads.anonymous-creates-per-hour=10000",
      "vaultdrop.shares.rate-limits.anonymous-creates-per-hour=10000",
      "vaultdrop.shares.rate-limits.downloads-per-minute=10000"
    })
class TusBrokenConnectionTest extends AccountsWebTestSupport {

  @LocalServerPort int port;

  @Test
  void aBrokenPatch_keepsWhatArrived_andTheUploadResumesToAByteIdenticalFile() throws Exception {
    byte[] content = new byte[600_000];
    new SecureRandom().nextBytes(content);
    int sent = 250_000;
    try (TusHttp http = new TusHttp(port)) {
      String location = http.start(content.length, "resumed.bin", null);

      // A PATCH announcing the whole file, cut off after `sent` bytes.
      try (Socket socket = new Socket("localhost", port)) {
        OutputStream out = socket.getOutputStream();
        out.write(
            ("PATCH "
                    + location
                    + " HTTP/1.1\r\nHost: localhost\r\nTus-Resumable: 1.0.0\r\n"
                    + "Content-Type: application/offset+octet-stream\r\nUpload-Offset: 0\r\n"
                    + "Content-Length: "
                    + content.length
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(content, 0, sent);
        out.flush();
      }

      // The offset settles once the server noticed the broken connection.
      long[] offset = new long[1];
      eventually(
          () -> {
            try {
              long seen = http.offset(location, null);
              Thread.sleep(200);
              offset[0] = http.offset(location, null);
              return offset[0] > 0 && offset[0] == seen;
            } catch (Exception e) {
              return false;
            }
          });
      // Whole chunks and the partial last one; never more than was sent.
      assertThat(offset[0]).isGreaterThan(3 * 64 * 1024).isLessThanOrEqualTo(sent);

      HttpResponse<String> rest =
          http.patch(
              location,
              offset[0],
              Arrays.copyOfRange(content, (int) offset[0], content.length),
              null);
      assertThat(rest.statusCode()).isEqualTo(204);

      HttpResponse<String> share =
          http.postJson(
              "/api/v1/shares", "{\"uploadId\":\"" + TusHttp.idOf(location) + "\"}", null);
      assertThat(share.statusCode()).isEqualTo(201);
      String token = http.json(share.body()).get("token").asString();
      HttpResponse<byte[]> download =
          http.postForBytes("/api/v1/shares/" + token + "/download", "{}", null);
      assertThat(download.body()).isEqualTo(content);
    }
  }
}
