package io.vaultdrop.web;

import static io.vaultdrop.testsupport.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.accounts.AccountsWebTestSupport;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A client that walks away mid-upload is an ordinary event: no ERROR, no stack trace. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "vaultdrop.scheduling.enabled=false")
@ExtendWith(OutputCaptureExtension.class)
class AbortedUploadLoggingTest extends AccountsWebTestSupport {

  @LocalServerPort int port;

  @Test
  void anAbortedMultipartUpload_isNotLoggedAsAnError(CapturedOutput output) throws Exception {
    String boundary = "abort-test-boundary";
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    try (Socket socket = new Socket("localhost", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /api/v1/shares HTTP/1.1\r\nHost: localhost\r\n"
                  + "Content-Type: multipart/form-data; boundary="
                  + boundary
                  + "\r\nContent-Length: 1000000\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(head);
      out.write(new byte[100_000]);
      out.flush();
    }
    eventually(() -> output.getOut().contains("POST /api/v1/shares 400"));
    assertThat(output.getOut())
        .doesNotContain("Unexpected error")
        .doesNotContain("ClientAbortException");
  }
}
