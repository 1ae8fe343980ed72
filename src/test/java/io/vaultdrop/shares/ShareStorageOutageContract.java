package io.vaultdrop.shares;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A one-time link survives a storage outage: a download attempted while the blob store is down
 * answers {@code 503 storage_unavailable} without taking the download, and once storage is back the
 * link works exactly once. Subclasses bring a real backend and a real way to take it down.
 */
abstract class ShareStorageOutageContract {

  @LocalServerPort int port;

  /** Makes the blob store unreachable. */
  abstract void storageDown() throws Exception;

  /** Ends the outage. */
  abstract void storageUp() throws Exception;

  @Test
  void oneTimeLink_downloadedDuringAnOutage_isStillUsableOnceStorageIsBack() throws Exception {
    byte[] content = "the only copy of the plan".getBytes(StandardCharsets.UTF_8);
    try (ShareHttp http = new ShareHttp(port)) {
      String token =
          http.created("plan.txt", content, ShareHttp.fields("maxDownloads", "1"))
              .get("token")
              .asString();

      storageDown();
      HttpResponse<byte[]> duringOutage;
      try {
        duringOutage = http.download(token, null);
      } finally {
        storageUp();
      }

      assertThat(duringOutage.statusCode()).isEqualTo(503);
      assertThat(duringOutage.headers().firstValue("Content-Type").orElseThrow())
          .startsWith("application/problem+json");
      JsonNode problem = JsonMapper.builder().build().readTree(duringOutage.body());
      assertThat(problem.get("code").asString()).isEqualTo("storage_unavailable");

      HttpResponse<String> metadata = http.metadata(token);
      assertThat(metadata.statusCode()).isEqualTo(200);
      assertThat(http.json(metadata).get("downloadsLeft").asInt()).isEqualTo(1);

      HttpResponse<byte[]> afterOutage = http.download(token, null);
      assertThat(afterOutage.statusCode()).isEqualTo(200);
      assertThat(afterOutage.body()).isEqualTo(content);
      assertThat(http.download(token, null).statusCode()).isEqualTo(404);
    }
  }
}
