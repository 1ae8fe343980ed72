package io.vaultdrop.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.accounts.Account;
import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.storage.database.DatabaseBlobStore;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;

/**
 * The vault on one database vendor with {@code VAULTDROP_STORAGE_TYPE=database} (the seed's files
 * as BLOBs): the key pair, the encrypted content in {@code blob_chunks}, quota reservations under
 * that vendor's row lock, sharing, deletion. Subclasses register a {@link
 * io.vaultdrop.testsupport.TestDatabase}.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "vaultdrop.storage.type=database",
      "vaultdrop.scheduling.enabled=false",
      "vaultdrop.vault.quota=5MB"
    })
abstract class VaultDatabaseStorageContract {

  static final long MIB = 1024 * 1024;
  private static final String PASSWORD = "correct horse battery";

  @LocalServerPort int port;
  @Autowired BlobStore blobs;
  @Autowired JdbcClient jdbc;
  @Autowired AccountService accounts;

  static void dataDir(DynamicPropertyRegistry registry) throws IOException {
    String dir = Files.createTempDirectory("vaultdrop-vault-db").toString();
    registry.add("vaultdrop.data-dir", () -> dir);
  }

  @Test
  void roundTrip_share_delete_inTheDatabase() throws Exception {
    assertThat(blobs).isInstanceOf(DatabaseBlobStore.class);
    VaultHttp http = new VaultHttp(port);
    Account user = user();
    String token = http.token(user.email(), PASSWORD);

    // Larger than one database chunk, so the content spans several rows.
    byte[] content = VaultApiTest.random((int) (2 * MIB + 777));
    HttpResponse<String> created = http.upload(token, "ledger.xlsx", content);
    assertThat(created.statusCode()).isEqualTo(201);
    String id = VaultHttp.json(created.body()).get("id").asString();
    BlobId blob =
        BlobId.parse(
            jdbc.sql("SELECT blob_id FROM vault_files WHERE id = ?")
                .param(id)
                .query(String.class)
                .single());
    assertThat(chunks(blob)).isGreaterThan(1);
    assertThat(http.get("/api/v1/files", token).body()).contains(id);

    HttpResponse<byte[]> download = http.bytes("/api/v1/files/" + id + "/content", token);
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(content);

    JsonNode link =
        VaultHttp.json(
            http.postJson("/api/v1/files/" + id + "/share", token, "{\"maxDownloads\":1}").body());
    HttpResponse<byte[]> shared = http.shareDownload(link.get("token").asString(), null);
    assertThat(shared.statusCode()).isEqualTo(200);
    assertThat(shared.body()).isEqualTo(content);

    assertThat(http.delete("/api/v1/files/" + id, token).statusCode()).isEqualTo(204);
    assertThat(chunks(blob)).isZero();
    assertThat(blobs.exists(blob)).isFalse();
  }

  @Test
  void concurrentUploads_holdTheQuota_onThisDatabase() throws Exception {
    VaultHttp http = new VaultHttp(port);
    Account user = user();
    String token = http.token(user.email(), PASSWORD);
    byte[] content = VaultApiTest.random((int) (2 * MIB));
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Future<HttpResponse<String>>> results = new ArrayList<>();
    try {
      for (int i = 0; i < 6; i++) {
        boolean chunked = i % 2 == 1;
        String name = "r" + i;
        results.add(
            pool.submit(
                () ->
                    chunked
                        ? http.uploadChunked(token, name, content)
                        : http.upload(token, name, content)));
      }
      int stored = 0;
      for (Future<HttpResponse<String>> result : results) {
        int status = result.get().statusCode();
        assertThat(status).isIn(201, 413);
        stored += status == 201 ? 1 : 0;
      }
      assertThat(stored).isBetween(1, 2);
      long used =
          jdbc.sql("SELECT COALESCE(SUM(size_bytes), 0) FROM vault_files WHERE owner_id = ?")
              .param(user.id())
              .query(Long.class)
              .single();
      assertThat(used).isEqualTo(stored * 2 * MIB).isLessThanOrEqualTo(5 * MIB);
      assertThat(
              jdbc.sql("SELECT COUNT(*) FROM vault_uploads WHERE owner_id = ?")
                  .param(user.id())
                  .query(Long.class)
                  .single())
          .isZero();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void deletedAccount_leavesNoRowsAndNoChunks() throws Exception {
    VaultHttp http = new VaultHttp(port);
    Account user = user();
    String token = http.token(user.email(), PASSWORD);
    String id =
        VaultHttp.json(http.upload(token, "a.txt", VaultApiTest.random(5000)).body())
            .get("id")
            .asString();
    BlobId blob =
        BlobId.parse(
            jdbc.sql("SELECT blob_id FROM vault_files WHERE id = ?")
                .param(id)
                .query(String.class)
                .single());
    accounts.deleteUser(user.id(), null, null);
    assertThat(chunks(blob)).isZero();
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM vault_user_keys WHERE account_id = ?")
                .param(user.id())
                .query(Long.class)
                .single())
        .isZero();
  }

  private Account user() {
    return accounts.createUser(
        "u" + System.nanoTime() + "@example.org", PASSWORD, Role.MEMBER, null, null);
  }

  private long chunks(BlobId blob) {
    return jdbc.sql("SELECT COUNT(*) FROM blob_chunks WHERE blob_id = ?")
        .param(blob.value())
        .query(Long.class)
        .single();
  }
}
