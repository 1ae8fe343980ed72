package io.vaultdrop.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.accounts.Account;
import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.storage.BlobId;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deleting a file while it is being downloaded: the delete answers {@code 204} at once and the file
 * is gone for everyone else, but the running download finishes whole; the blob goes when it ends.
 * On the database backend a deleted blob's chunks are gone at once, so a delete that did not wait
 * for its reader would cut the download short.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "vaultdrop.storage.type=database",
      "vaultdrop.scheduling.enabled=false",
      "vaultdrop.max-upload-size=24MB",
      "vaultdrop.vault.quota=48MB"
    })
class VaultDeleteWhileDownloadingTest extends AccountsWebTestSupport {

  @LocalServerPort int port;
  @Autowired AccountService accounts;
  @Autowired JdbcClient jdbc;

  @Test
  void deleteDuringADownload_letsTheDownloadFinishWhole() throws Exception {
    VaultHttp http = new VaultHttp(port);
    Account user =
        accounts.createUser(
            "u" + System.nanoTime() + "@example.org", PASSWORD, Role.MEMBER, null, null);
    String token = http.token(user.email(), PASSWORD);
    // Far more than socket buffers and read-ahead hold, and many database chunks.
    byte[] content = VaultApiTest.random(16 * 1024 * 1024 + 321);
    HttpResponse<String> created = http.upload(token, "film.mkv", content);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = VaultHttp.json(created.body()).get("id").asString();
    BlobId blob =
        BlobId.parse(
            jdbc.sql("SELECT blob_id FROM vault_files WHERE id = ?")
                .param(id)
                .query(String.class)
                .single());

    HttpResponse<InputStream> download = http.stream("/api/v1/files/" + id + "/content", token);
    assertThat(download.statusCode()).isEqualTo(200);
    ByteArrayOutputStream received = new ByteArrayOutputStream(content.length);
    try (InputStream body = download.body()) {
      received.write(body.readNBytes(64 * 1024));

      assertThat(http.delete("/api/v1/files/" + id, token).statusCode()).isEqualTo(204);
      assertThat(http.get("/api/v1/files/" + id, token).statusCode()).isEqualTo(404);
      assertThat(http.bytes("/api/v1/files/" + id + "/content", token).statusCode()).isEqualTo(404);
      assertThat(chunks(blob)).as("the blob waits for the running download").isPositive();

      body.transferTo(received); // an IOException here: the body was cut short
    }
    assertThat(received.toByteArray()).isEqualTo(content);

    // The last reader gone, the blob follows.
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while ((chunks(blob) > 0 || ledgerRows(blob) > 0) && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
    }
    assertThat(chunks(blob)).isZero();
    assertThat(ledgerRows(blob)).isZero();
  }

  private long ledgerRows(BlobId blob) {
    return jdbc.sql("SELECT COUNT(*) FROM stored_objects WHERE blob_id = ?")
        .param(blob.value())
        .query(Long.class)
        .single();
  }

  private long chunks(BlobId blob) {
    return jdbc.sql("SELECT COUNT(*) FROM blob_chunks WHERE blob_id = ?")
        .param(blob.value())
        .query(Long.class)
        .single();
  }
}
