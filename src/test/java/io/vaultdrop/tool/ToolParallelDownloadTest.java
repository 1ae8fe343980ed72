package io.vaultdrop.tool;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.tool.ToolHttp.Multipart;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Parallel downloads of one encryption job by its owner: the job is deleted once both files were
 * fetched, and that must not break the downloads still running. Every response is either the whole
 * file or a clean 404, never a 500 or a body cut short. On the database backend a deleted blob's
 * chunks are gone at once, so a delete that does not wait for its readers shows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(
    properties = {
      "vaultdrop.scheduling.enabled=false",
      "vaultdrop.max-upload-size=16MB",
      "vaultdrop.storage.type=database"
    })
class ToolParallelDownloadTest extends AccountsWebTestSupport {

  private static final int ROUNDS = 4;

  @LocalServerPort int port;
  @Autowired AccountService accounts;

  @Test
  void parallelEncAndKeyDownloads_areWholeOr404() throws Exception {
    ToolHttp http = new ToolHttp(port);
    String email = uniqueEmail();
    accounts.createUser(email, PASSWORD, Role.MEMBER, null, null);
    String token = http.token(email, PASSWORD);
    byte[] original = new byte[6 * 1024 * 1024 + 11];
    new Random(7).nextBytes(original);
    ExecutorService pool = Executors.newFixedThreadPool(9);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        HttpResponse<String> created =
            http.post(
                "/api/v1/encryptions",
                token,
                new Multipart().file("file", "big-" + round + ".bin", original));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode job = ToolHttp.json(created.body());
        long encryptedSize = job.get("encryptedSize").asLong();

        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<byte[]>>> encs = new ArrayList<>();
        List<Future<HttpResponse<byte[]>>> keys = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
          String url = job.get(i < 6 ? "encUrl" : "keyUrl").asString();
          Future<HttpResponse<byte[]>> download =
              pool.submit(
                  () -> {
                    start.await();
                    return http.get(url, token);
                  });
          (i < 6 ? encs : keys).add(download);
        }
        start.countDown();

        byte[] firstEnc = null;
        for (Future<HttpResponse<byte[]>> download : encs) {
          HttpResponse<byte[]> response = download.get(); // an IOException here: a cut body
          assertThat(response.statusCode()).as("round %d .enc", round).isIn(200, 404);
          if (response.statusCode() == 200) {
            assertThat(response.body()).hasSize((int) encryptedSize);
            if (firstEnc == null) {
              firstEnc = response.body();
            }
            assertThat(response.body()).isEqualTo(firstEnc);
          }
        }
        int keysServed = 0;
        for (Future<HttpResponse<byte[]>> download : keys) {
          HttpResponse<byte[]> response = download.get();
          assertThat(response.statusCode()).as("round %d .key", round).isIn(200, 404);
          if (response.statusCode() == 200) {
            assertThat(new String(response.body())).contains("AGE-SECRET-KEY-1");
            keysServed++;
          }
        }
        assertThat(firstEnc).as("round %d: at least one .enc served", round).isNotNull();
        assertThat(keysServed).as("round %d: at least one .key served", round).isPositive();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
