package io.vaultdrop.tool;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.testsupport.FaultyStorage;
import io.vaultdrop.tool.ToolHttp.Multipart;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * A decryption job serves its original once. If the storage fails before a single byte was read,
 * the one download is given back: the client gets {@code 503 storage_unavailable} and the original
 * once storage works again. Faults are injected around the real store.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "vaultdrop.scheduling.enabled=false")
@Import(FaultyStorage.class)
class ToolFirstByteFailureTest extends AccountsWebTestSupport {

  @LocalServerPort int port;
  @Autowired AccountService accounts;

  @AfterEach
  void storageUp() {
    FaultyStorage.store().up();
  }

  @Test
  void originalDownloadFailingBeforeItsFirstByte_canBeFetchedAgain() throws Exception {
    ToolHttp http = new ToolHttp(port);
    String email = uniqueEmail();
    accounts.createUser(email, PASSWORD, Role.MEMBER, null, null);
    String token = http.token(email, PASSWORD);
    byte[] original = ToolApiTest.content("once only");
    JsonNode job =
        ToolHttp.json(
            http.post(
                    "/api/v1/encryptions",
                    token,
                    new Multipart().file("file", "plan.txt", original))
                .body());
    byte[] enc = http.get(job.get("encUrl").asString(), token).body();
    byte[] key = http.get(job.get("keyUrl").asString(), token).body();
    HttpResponse<String> created =
        http.post(
            "/api/v1/decryptions",
            token,
            new Multipart().file("key", "plan.key", key).file("enc", "plan.txt.enc", enc));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String download = ToolHttp.json(created.body()).get("downloadUrl").asString();

    // The stored file opens, but every read of it fails: nothing can be sent.
    FaultyStorage.store().failReadsAfter(0);
    HttpResponse<byte[]> failed = http.get(download, token);
    FaultyStorage.store().up();

    assertThat(failed.statusCode()).isEqualTo(503);
    assertThat(new String(failed.body(), StandardCharsets.UTF_8)).contains("storage_unavailable");
    HttpResponse<byte[]> again = http.get(download, token);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).isEqualTo(original);
    ToolHttp.eventually(() -> getStatus(http, download, token) == 404);
  }

  private static int getStatus(ToolHttp http, String url, String token) {
    try {
      return http.get(url, token).statusCode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
