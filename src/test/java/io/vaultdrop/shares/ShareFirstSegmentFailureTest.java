package io.vaultdrop.shares;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.testsupport.FaultyStorage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * Storage that opens a one-time share and authenticates its header, then fails on the first
 * segment: the transfer never read a byte, so it gives its claim back and the link works once the
 * storage does. Faults are injected around the real store.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "vaultdrop.scheduling.enabled=false")
@Import(FaultyStorage.class)
class ShareFirstSegmentFailureTest extends AccountsWebTestSupport {

  @LocalServerPort int port;

  @AfterEach
  void storageUp() {
    FaultyStorage.store().up();
  }

  @Test
  void failureBeforeTheFirstByte_givesTheClaimBack() throws Exception {
    byte[] content = "read me once".repeat(10_000).getBytes(StandardCharsets.UTF_8);
    try (ShareHttp http = new ShareHttp(port)) {
      String token =
          http.created("once.txt", content, ShareHttp.fields("maxDownloads", "1"))
              .get("token")
              .asString();

      // Enough for the header and key commitment, not for the first 64 KiB segment.
      FaultyStorage.store().failReadsAfter(1024);
      HttpResponse<byte[]> failed = http.download(token, null);
      FaultyStorage.store().up();

      assertThat(failed.statusCode()).isEqualTo(503);
      assertThat(new String(failed.body(), StandardCharsets.UTF_8))
          .contains("storage_unavailable")
          .doesNotContain("read me");
      HttpResponse<String> metadata = http.metadata(token);
      assertThat(metadata.statusCode()).isEqualTo(200);
      assertThat(http.json(metadata).get("downloadsLeft").asInt()).isEqualTo(1);
      HttpResponse<byte[]> again = http.download(token, null);
      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(again.body()).isEqualTo(content);
      assertThat(http.download(token, null).statusCode()).isEqualTo(404);
    }
  }
}
