package io.vaultdrop.uploads;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.testsupport.ClusterNodes;
import io.vaultdrop.testsupport.S3TestServer;
import io.vaultdrop.testsupport.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on one PostgreSQL and one S3 endpoint (s3proxy): an upload begun on node A continues on
 * node B, is used on A and downloads on B; the other node answers for it the whole time.
 */
class TusCrossNodeTest {

  @RegisterExtension static final TestDatabase db = TestDatabase.postgres();
  @RegisterExtension static final S3TestServer s3 = new S3TestServer();

  @TempDir Path data;

  @Test
  void anUpload_startedOnOneNode_continuesAndIsUsedOnTheOther() throws Exception {
    byte[] content = new byte[500_000];
    new SecureRandom().nextBytes(content);
    int half = 200_000;
    try (ClusterNodes nodes =
            ClusterNodes.start(
                2,
                db,
                ClusterNodes.Storage.s3(s3),
                data,
                "--vaultdrop.scheduling.enabled=false",
                "--vaultdrop.uploads.chunk-size=64KB");
        TusHttp onA = new TusHttp(nodes.port(0));
        TusHttp onB = new TusHttp(nodes.port(1))) {
      String location = onA.start(content.length, "cluster.bin", null);
      assertThat(onA.patch(location, 0, Arrays.copyOf(content, half), null).statusCode())
          .isEqualTo(204);

      assertThat(onB.offset(location, null)).isEqualTo(half);
      // A retry of A's request, sent to B, is refused: the offset moved.
      assertThat(onB.patch(location, 0, Arrays.copyOf(content, 10), null).statusCode())
          .isEqualTo(409);
      assertThat(
              onB.patch(location, half, Arrays.copyOfRange(content, half, content.length), null)
                  .statusCode())
          .isEqualTo(204);
      assertThat(onA.offset(location, null)).isEqualTo(content.length);

      HttpResponse<String> share =
          onA.postJson("/api/v1/shares", "{\"uploadId\":\"" + TusHttp.idOf(location) + "\"}", null);
      assertThat(share.statusCode()).isEqualTo(201);
      assertThat(
              onB.postJson(
                      "/api/v1/shares", "{\"uploadId\":\"" + TusHttp.idOf(location) + "\"}", null)
                  .statusCode())
          .isEqualTo(404);
      String token = onA.json(share.body()).get("token").asString();
      assertThat(onB.postForBytes("/api/v1/shares/" + token + "/download", "{}", null).body())
          .isEqualTo(content);
    }
  }
}
