package io.vaultdrop.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.accounts.Account;
import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.testsupport.UnmountableBlobFolder;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A vault download while the blob store is down (the blob folder moved aside, as when its volume is
 * unmounted) answers {@code 503 storage_unavailable}, never {@code 404}: the file still exists.
 * Once storage is back the same download works, and the file was never touched.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "vaultdrop.scheduling.enabled=false")
class VaultStorageOutageTest {

  private static final String PASSWORD = "correct horse battery";
  static final UnmountableBlobFolder DATA = new UnmountableBlobFolder();

  @LocalServerPort int port;
  @Autowired AccountService accounts;

  @DynamicPropertySource
  static void data(DynamicPropertyRegistry registry) {
    DATA.register(registry);
  }

  @Test
  void downloadDuringAnOutage_is503_andWorksOnceStorageIsBack() throws Exception {
    VaultHttp http = new VaultHttp(port);
    Account user =
        accounts.createUser(
            "u" + System.nanoTime() + "@example.org", PASSWORD, Role.MEMBER, null, null);
    String token = http.token(user.email(), PASSWORD);
    byte[] content = VaultApiTest.random(200_000);
    HttpResponse<String> created = http.upload(token, "plan.pdf", content);
    assertThat(created.statusCode()).isEqualTo(201);
    String id = VaultHttp.json(created.body()).get("id").asString();

    DATA.unmount();
    HttpResponse<byte[]> duringOutage;
    HttpResponse<String> metadataDuringOutage;
    try {
      duringOutage = http.bytes("/api/v1/files/" + id + "/content", token);
      metadataDuringOutage = http.get("/api/v1/files/" + id, token);
    } finally {
      DATA.mount();
    }

    assertThat(duringOutage.statusCode()).isEqualTo(503);
    assertThat(duringOutage.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    JsonNode problem = VaultHttp.json(new String(duringOutage.body()));
    assertThat(problem.get("code").asString()).isEqualTo("storage_unavailable");
    assertThat(metadataDuringOutage.statusCode()).isEqualTo(200);

    HttpResponse<byte[]> afterOutage = http.bytes("/api/v1/files/" + id + "/content", token);
    assertThat(afterOutage.statusCode()).isEqualTo(200);
    assertThat(afterOutage.body()).isEqualTo(content);
    assertThat(VaultHttp.json(http.get("/api/v1/files", token).body()).size()).isEqualTo(1);
  }
}
