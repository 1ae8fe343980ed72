package io.vaultdrop.capsules.web;

import static io.vaultdrop.testsupport.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.capsules.internal.CapsuleTokens;
import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.testsupport.UnmountableBlobFolder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A capsule opened while the blob store is down answers {@code 503 storage_unavailable}, not {@code
 * 404}: the capsule is not gone and its token works again once storage is back. The outage is the
 * blob folder disappearing, as when the volume holding it is unmounted: it is moved aside and back.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "vaultdrop.scheduling.enabled=false")
class CapsuleStorageOutageFilesystemTest {

  static final UnmountableBlobFolder DATA = new UnmountableBlobFolder();

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired CapsuleTokens tokens;
  @Autowired BlobStore blobs;
  @Autowired JdbcClient jdbc;

  @DynamicPropertySource
  static void data(DynamicPropertyRegistry registry) {
    DATA.register(registry);
  }

  @Test
  void capsuleOpenedDuringAnOutage_isUnavailable_andOpensOnceStorageIsBack() throws Exception {
    byte[] content = "the capsule's only copy".getBytes(StandardCharsets.UTF_8);
    try (CapsuleHttp http = new CapsuleHttp(port, "127.0.0.1")) {
      HttpResponse<String> created = http.upload("plan.txt", content);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      String jwe = json.readTree(created.body()).get("jwe").asString();
      BlobId blob = tokens.open(jwe).blobId();

      DATA.unmount();
      HttpResponse<byte[]> duringOutage;
      try {
        duringOutage = http.open(CapsuleHttp.body(jwe));
      } finally {
        DATA.mount();
      }

      assertThat(duringOutage.statusCode()).isEqualTo(503);
      assertThat(duringOutage.headers().firstValue("Content-Type").orElseThrow())
          .startsWith("application/problem+json");
      JsonNode problem = json.readTree(duringOutage.body());
      assertThat(problem.get("code").asString()).isEqualTo("storage_unavailable");
      // The failed open released its reader: nothing holds the object.
      assertThat(readers(blob)).isZero();

      HttpResponse<byte[]> afterOutage = http.open(CapsuleHttp.body(jwe));
      assertThat(afterOutage.statusCode()).isEqualTo(200);
      assertThat(afterOutage.body()).isEqualTo(content);
      // The server releases the reader once the response body is closed, just after the client
      // has read it.
      eventually(() -> readers(blob) == 0);

      assertThat(http.delete(CapsuleHttp.body(jwe)).statusCode()).isEqualTo(204);
      assertThat(blobs.exists(blob)).isFalse();
      assertThat(
              jdbc.sql("SELECT COUNT(*) FROM stored_objects WHERE blob_id = ?")
                  .param(blob.value())
                  .query(Long.class)
                  .single())
          .isZero();
      assertThat(http.open(CapsuleHttp.body(jwe)).statusCode()).isEqualTo(404);
    }
  }

  private int readers(BlobId blob) {
    return jdbc.sql("SELECT readers FROM stored_objects WHERE blob_id = ?")
        .param(blob.value())
        .query(Integer.class)
        .single();
  }
}
