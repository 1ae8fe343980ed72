package io.vaultdrop.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.accounts.Account;
import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.crypto.CipherSuite;
import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.objects.NewObject;
import io.vaultdrop.objects.StoredObjects;
import io.vaultdrop.objects.internal.ObjectSweeper;
import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobStore;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The vault API over real HTTP: round trips (empty, a few MiB, hostile names), headers, quota and
 * upload limits (also under concurrent uploads), delete, sharing a file as a link, and what account
 * deletion leaves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(
    properties = {
      "vaultdrop.scheduling.enabled=false",
      "vaultdrop.max-upload-size=4MB",
      "vaultdrop.vault.quota=6MB"
    })
class VaultApiTest extends AccountsWebTestSupport {

  static final long MIB = 1024 * 1024;

  @LocalServerPort int port;
  @Autowired AccountService accounts;
  @Autowired JdbcClient jdbc;
  @Autowired BlobStore blobs;
  @Autowired ObjectSweeper sweeper;
  @Autowired StoredObjects objects;

  VaultHttp http;
  Account user;
  String token;

  @BeforeEach
  void signIn() throws Exception {
    http = new VaultHttp(port);
    String email = uniqueEmail();
    user = accounts.createUser(email, PASSWORD, Role.MEMBER, null, null);
    token = http.token(email, PASSWORD);
  }

  // ------------------------------------------------------------------ round trips

  @Test
  void upload_list_metadata_download_roundTrip() throws Exception {
    byte[] content = random(10_000);
    HttpResponse<String> created = http.upload(token, "report.pdf", content);
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode file = VaultHttp.json(created.body());
    String id = file.get("id").asString();
    assertThat(id).matches("[A-Za-z0-9_-]{22}");
    assertThat(file.get("name").asString()).isEqualTo("report.pdf");
    assertThat(file.get("size").asLong()).isEqualTo(content.length);
    assertThat(file.get("createdAt").asString()).endsWith("Z");
    assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/files/" + id);

    JsonNode list = VaultHttp.json(http.get("/api/v1/files", token).body());
    assertThat(list.isArray()).isTrue();
    assertThat(list.size()).isEqualTo(1);
    assertThat(list.get(0).get("id").asString()).isEqualTo(id);
    assertThat(list.get(0).propertyNames())
        .containsExactlyInAnyOrder("id", "name", "size", "createdAt");

    HttpResponse<String> metadata = http.get("/api/v1/files/" + id, token);
    assertThat(metadata.statusCode()).isEqualTo(200);
    assertThat(VaultHttp.json(metadata.body()).get("size").asLong()).isEqualTo(content.length);

    HttpResponse<byte[]> download = http.bytes("/api/v1/files/" + id + "/content", token);
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(content);
    assertThat(download.headers().firstValue("Content-Length"))
        .hasValue(String.valueOf(content.length));
    assertThat(download.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
    assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
        .startsWith("attachment;")
        .contains("filename*=UTF-8''report.pdf");
  }

  @Test
  void hostileFileNames_areSanitised_andSentBackAsRfc6266Names() throws Exception {
    record Case(String sent, String stored) {}
    List<Case> cases =
        List.of(
            new Case("../../etc/passwd", "passwd"),
            new Case("C:\\Windows\\System32\\evil.bat", "evil.bat"),
            new Case("invoice\u202Efdp.exe", "invoicefdp.exe"),
            new Case("tab\there.txt", "tabhere.txt"),
            new Case("...hidden. ", "hidden"),
            new Case("résumé 2026 (final) ✓.pdf", "résumé 2026 (final) ✓.pdf"),
            new Case("Oʻzbekcha hujjat.docx", "Oʻzbekcha hujjat.docx"),
            new Case("", "file"));
    for (Case c : cases) {
      HttpResponse<String> created = http.upload(token, c.sent(), "x".getBytes());
      assertThat(created.statusCode()).as(c.sent()).isEqualTo(201);
      JsonNode file = VaultHttp.json(created.body());
      assertThat(file.get("name").asString()).as(c.sent()).isEqualTo(c.stored());
      HttpResponse<byte[]> download =
          http.bytes("/api/v1/files/" + file.get("id").asString() + "/content", token);
      String disposition = download.headers().firstValue("Content-Disposition").orElseThrow();
      assertThat(disposition)
          .as(c.sent())
          .startsWith("attachment;")
          .contains(
              "filename*=UTF-8''"
                  + URLEncoder.encode(c.stored(), StandardCharsets.UTF_8)
                      .replace("+", "%20")
                      .replace("*", "%2A"))
          .doesNotContain("\r")
          .doesNotContain("\n")
          .doesNotContain("/")
          .doesNotContain("\\");
    }
  }

  @Test
  void emptyFile_roundTrip() throws Exception {
    HttpResponse<String> created = http.upload(token, "empty.txt", new byte[0]);
    assertThat(created.statusCode()).isEqualTo(201);
    String id = VaultHttp.json(created.body()).get("id").asString();
    assertThat(VaultHttp.json(created.body()).get("size").asLong()).isZero();
    HttpResponse<byte[]> download = http.bytes("/api/v1/files/" + id + "/content", token);
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEmpty();
    assertThat(download.headers().firstValue("Content-Length")).hasValue("0");
  }

  @Test
  void severalMebibytes_streamInAndOut_andOnlyCiphertextIsStored() throws Exception {
    byte[] content = random((int) (3 * MIB + 12345));
    HttpResponse<String> created = http.uploadChunked(token, "big.bin", content);
    assertThat(created.statusCode()).isEqualTo(201);
    String id = VaultHttp.json(created.body()).get("id").asString();
    BlobId blob = blobOf(id);
    assertThat(blobs.size(blob).orElseThrow()).isGreaterThan(content.length);

    HttpResponse<byte[]> download = http.bytes("/api/v1/files/" + id + "/content", token);
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.headers().firstValue("Content-Length"))
        .hasValue(String.valueOf(content.length));
    assertThat(download.body()).isEqualTo(content);
  }

  // ------------------------------------------------------------------ delete

  @Test
  void delete_removesRowAndBlob_thenEverythingIs404() throws Exception {
    String id = uploaded("gone.txt", random(2000));
    BlobId blob = blobOf(id);
    assertThat(blobs.exists(blob)).isTrue();

    assertThat(http.delete("/api/v1/files/" + id, token).statusCode()).isEqualTo(204);
    assertThat(blobs.exists(blob)).isFalse();
    assertThat(rows(id)).isZero();
    assertThat(http.get("/api/v1/files/" + id, token).statusCode()).isEqualTo(404);
    assertThat(http.bytes("/api/v1/files/" + id + "/content", token).statusCode()).isEqualTo(404);
    assertThat(http.delete("/api/v1/files/" + id, token).statusCode()).isEqualTo(404);
    assertThat(VaultHttp.json(http.get("/api/v1/files", token).body()).size()).isZero();
  }

  @Test
  void unknownOrMalformedIds_are404ProblemJson() throws Exception {
    for (String id : List.of("AAAAAAAAAAAAAAAAAAAAAA", "nope", "...", "a".repeat(200))) {
      HttpResponse<String> response = http.get("/api/v1/files/" + id, token);
      assertThat(response.statusCode()).as(id).isEqualTo(404);
      assertThat(response.headers().firstValue("Content-Type").orElseThrow())
          .startsWith("application/problem+json");
      assertThat(VaultHttp.json(response.body()).get("code").asString()).isEqualTo("not_found");
    }
  }

  // ------------------------------------------------------------------ limits

  @Test
  void quota_isEnforced_with413QuotaExceeded_andUsageReflectsIt() throws Exception {
    assertThat(usage().get("quota").asLong()).isEqualTo(6 * MIB);
    String first = uploaded("a.bin", random((int) (3 * MIB)));
    uploaded("b.bin", random((int) (2 * MIB + MIB / 2)));
    JsonNode usage = usage();
    assertThat(usage.get("used").asLong()).isEqualTo(5 * MIB + MIB / 2);
    assertThat(usage.get("available").asLong()).isEqualTo(MIB / 2);
    assertThat(usage.get("files").asLong()).isEqualTo(2);

    // Refused before streaming (the declared length cannot fit) and while streaming (chunked).
    for (boolean chunked : List.of(false, true)) {
      byte[] content = random((int) MIB);
      HttpResponse<String> refused =
          chunked
              ? http.uploadChunked(token, "c.bin", content)
              : http.upload(token, "c.bin", content);
      assertThat(refused.statusCode()).as("chunked=" + chunked).isEqualTo(413);
      assertThat(VaultHttp.json(refused.body()).get("code").asString()).isEqualTo("quota_exceeded");
    }
    assertThat(usage().get("used").asLong()).isEqualTo(5 * MIB + MIB / 2);
    assertThat(openReservations()).isZero();
    assertThat(blobCountOfUser()).isEqualTo(2);

    // What still fits is accepted, up to the last byte.
    uploaded("exact.bin", random((int) (MIB / 2)));
    assertThat(usage().get("available").asLong()).isZero();
    HttpResponse<String> full = http.upload(token, "one-more.bin", new byte[1]);
    assertThat(full.statusCode()).isEqualTo(413);
    assertThat(VaultHttp.json(full.body()).get("code").asString()).isEqualTo("quota_exceeded");

    assertThat(http.delete("/api/v1/files/" + first, token).statusCode()).isEqualTo(204);
    assertThat(usage().get("available").asLong()).isEqualTo(3 * MIB);
    uploaded("again.bin", random((int) MIB));
  }

  @Test
  void beyondTheLargestUpload_is413TooLarge_andLeavesNothing() throws Exception {
    for (boolean chunked : List.of(false, true)) {
      byte[] content = random((int) (4 * MIB + 1));
      HttpResponse<String> refused =
          chunked
              ? http.uploadChunked(token, "x.bin", content)
              : http.upload(token, "x.bin", content);
      assertThat(refused.statusCode()).isEqualTo(413);
      assertThat(VaultHttp.json(refused.body()).get("code").asString()).isEqualTo("too_large");
    }
    assertThat(openReservations()).isZero();
    assertThat(usage().get("used").asLong()).isZero();
    assertThat(rowsOfUser()).isZero();
  }

  @Test
  void concurrentUploads_neverTogetherExceedTheQuota() throws Exception {
    // Eight uploads of 2 MiB race for a 6 MiB quota, half of them with no declared length.
    int uploads = 8;
    byte[] content = random((int) (2 * MIB));
    ExecutorService pool = Executors.newFixedThreadPool(uploads);
    List<Future<HttpResponse<String>>> results = new ArrayList<>();
    try {
      for (int i = 0; i < uploads; i++) {
        boolean chunked = i % 2 == 0;
        String name = "race-" + i + ".bin";
        Callable<HttpResponse<String>> call =
            () ->
                chunked
                    ? http.uploadChunked(token, name, content)
                    : http.upload(token, name, content);
        results.add(pool.submit(call));
      }
      int stored = 0;
      for (Future<HttpResponse<String>> result : results) {
        HttpResponse<String> response = result.get();
        if (response.statusCode() == 201) {
          stored++;
        } else {
          assertThat(response.statusCode()).isEqualTo(413);
          assertThat(VaultHttp.json(response.body()).get("code").asString())
              .isEqualTo("quota_exceeded");
        }
      }
      assertThat(stored).isBetween(1, 3);
      assertThat(usage().get("used").asLong())
          .isEqualTo(stored * 2 * MIB)
          .isLessThanOrEqualTo(6 * MIB);
      assertThat(openReservations()).isZero();
      assertThat(blobCountOfUser()).isEqualTo(stored);
    } finally {
      pool.shutdownNow();
    }
  }

  // ------------------------------------------------------------------ share

  @Test
  void share_createsAPasswordLinkThatDownloadsTheFile_andTheVaultKeepsIt() throws Exception {
    byte[] content = random(50_000);
    String id = uploaded("plans.pdf", content);

    HttpResponse<String> created =
        http.postJson(
            "/api/v1/files/" + id + "/share",
            token,
            "{\"expiresIn\":3600,\"maxDownloads\":2,\"password\":\"open sesame\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode link = VaultHttp.json(created.body());
    String shareToken = link.get("token").asString();
    assertThat(link.get("url").asString())
        .isEqualTo("http://localhost:" + port + "/s/" + shareToken);
    assertThat(link.get("name").asString()).isEqualTo("plans.pdf");
    assertThat(link.get("size").asLong()).isEqualTo(content.length);
    assertThat(link.get("maxDownloads").asInt()).isEqualTo(2);
    assertThat(link.get("passwordRequired").asBoolean()).isTrue();
    assertThat(link.get("revokeToken").asString()).isNotBlank();

    HttpResponse<String> described = http.get("/api/v1/shares/" + shareToken, null);
    assertThat(VaultHttp.json(described.body()).get("downloadsLeft").asInt()).isEqualTo(2);
    assertThat(http.shareDownload(shareToken, null).statusCode()).isEqualTo(401);
    HttpResponse<byte[]> downloaded = http.shareDownload(shareToken, "open sesame");
    assertThat(downloaded.statusCode()).isEqualTo(200);
    assertThat(downloaded.body()).isEqualTo(content);

    // The owner's links list it; the vault file is untouched.
    JsonNode mine = VaultHttp.json(http.get("/api/v1/shares", token).body());
    assertThat(mine.size()).isEqualTo(1);
    assertThat(mine.get(0).get("name").asString()).isEqualTo("plans.pdf");
    assertThat(http.bytes("/api/v1/files/" + id + "/content", token).body()).isEqualTo(content);
  }

  @Test
  void share_withoutBody_usesTheDefaults_andBadOptionsAre400() throws Exception {
    String id = uploaded("a.txt", random(100));
    HttpResponse<String> plain = http.postJson("/api/v1/files/" + id + "/share", token, null);
    assertThat(plain.statusCode()).isEqualTo(201);
    JsonNode link = VaultHttp.json(plain.body());
    assertThat(link.get("maxDownloads").asInt()).isEqualTo(1);
    assertThat(link.get("passwordRequired").asBoolean()).isFalse();

    for (String bad :
        List.of(
            "{\"maxDownloads\":0}",
            "{\"maxDownloads\":1000000}",
            "{\"expiresIn\":\"soon\"}",
            "{\"expiresIn\":99999999}",
            "{\"password\":42}",
            "[1,2]",
            "not json")) {
      HttpResponse<String> response = http.postJson("/api/v1/files/" + id + "/share", token, bad);
      assertThat(response.statusCode()).as(bad).isEqualTo(400);
      assertThat(VaultHttp.json(response.body()).get("code").asString())
          .isEqualTo("invalid_request");
    }
    assertThat(VaultHttp.json(http.get("/api/v1/shares", token).body()).size()).isEqualTo(1);
  }

  // ------------------------------------------------------------------ account deletion

  @Test
  void deletedAccount_takesKeyPairRowsAndBlobsWithIt() throws Exception {
    String a = uploaded("a.txt", random(100));
    String b = uploaded("b.txt", random(100));
    List<BlobId> stored = List.of(blobOf(a), blobOf(b));
    assertThat(keyRows()).isEqualTo(1);

    accounts.deleteUser(user.id(), null, null);

    assertThat(keyRows()).isZero();
    assertThat(rowsOfUser()).isZero();
    for (BlobId blob : stored) {
      assertThat(blobs.exists(blob)).isFalse();
    }
  }

  // ------------------------------------------------------------------ sweeping, docs

  @Test
  void sweep_removesReservationsAndBlobsOfCrashedUploads_andKeepsRunningOnes() throws Exception {
    uploaded("keep.txt", random(10)); // creates the key pair
    long now = System.currentTimeMillis();
    long dayAgo = now - java.time.Duration.ofHours(25).toMillis();
    // A crashed upload: its reservation and its pending object, both older than their timeouts.
    insertReservation("crashedUploadAAAAAAAAAA", dayAgo);
    BlobId crashed = abandonedPendingObject();
    jdbc.sql("UPDATE stored_objects SET created_at = ?, changed_at = ? WHERE blob_id = ?")
        .params(dayAgo, dayAgo, crashed.value())
        .update();
    // A running upload, an hour in.
    insertReservation("runningUploadAAAAAAAAAA", now - java.time.Duration.ofHours(1).toMillis());
    BlobId running = abandonedPendingObject();
    assertThat(usage().get("used").asLong()).isEqualTo(10);
    assertThat(openReservations()).isEqualTo(2);

    sweeper.sweep();

    assertThat(reservation("crashedUploadAAAAAAAAAA")).isZero();
    assertThat(blobs.exists(crashed)).isFalse();
    assertThat(objectState(crashed)).isEmpty();
    assertThat(reservation("runningUploadAAAAAAAAAA")).isEqualTo(1);
    assertThat(blobs.exists(running)).isTrue();
    assertThat(objectState(running)).contains("PENDING");
    assertThat(VaultHttp.json(http.get("/api/v1/files", token).body()).size()).isEqualTo(1);
  }

  /** A vault object written and committed by an upload whose node then died (never closed). */
  private BlobId abandonedPendingObject() throws Exception {
    NewObject object = objects.create("vault", 1000);
    try (DataKey key = DataKey.generate();
        OutputStream out =
            object.encrypt(CipherSuite.AES_256_GCM, key, "vault-hpke", new byte[] {1})) {
      out.write(new byte[] {1, 2, 3});
    }
    object.commit();
    return object.id();
  }

  private java.util.Optional<String> objectState(BlobId blob) {
    return jdbc.sql("SELECT state FROM stored_objects WHERE blob_id = ?")
        .param(blob.value())
        .query(String.class)
        .optional();
  }

  @Test
  void openApiDocument_describesTheVaultEndpoints() throws Exception {
    HttpResponse<String> docs = http.get("/api/docs", null);
    assertThat(docs.statusCode()).isEqualTo(200);
    JsonNode paths = VaultHttp.json(docs.body()).get("paths");
    assertThat(paths.propertyNames())
        .contains(
            "/api/v1/files",
            "/api/v1/files/usage",
            "/api/v1/files/{id}",
            "/api/v1/files/{id}/content",
            "/api/v1/files/{id}/share",
            "/api/v1/admin/vault",
            "/api/v1/admin/vault/rewrap-keys");
    assertThat(paths.get("/api/v1/files").get("post").get("description").asString())
        .contains("quota_exceeded");
    assertThat(paths.get("/api/v1/files/{id}").get("delete")).isNotNull();
  }

  // ------------------------------------------------------------------ helpers

  private void insertReservation(String id, long startedAt) {
    jdbc.sql(
            "INSERT INTO vault_uploads (id, owner_id, reserved_bytes, started_at)"
                + " VALUES (?, ?, 1000, ?)")
        .params(id, user.id(), startedAt)
        .update();
  }

  private long reservation(String id) {
    return jdbc.sql("SELECT COUNT(*) FROM vault_uploads WHERE id = ?")
        .param(id)
        .query(Long.class)
        .single();
  }

  private String uploaded(String name, byte[] content) throws Exception {
    HttpResponse<String> created = http.upload(token, name, content);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return VaultHttp.json(created.body()).get("id").asString();
  }

  private JsonNode usage() throws Exception {
    HttpResponse<String> response = http.get("/api/v1/files/usage", token);
    assertThat(response.statusCode()).isEqualTo(200);
    return VaultHttp.json(response.body());
  }

  private BlobId blobOf(String id) {
    return BlobId.parse(
        jdbc.sql("SELECT blob_id FROM vault_files WHERE id = ?")
            .param(id)
            .query(String.class)
            .single());
  }

  private long rows(String id) {
    return jdbc.sql("SELECT COUNT(*) FROM vault_files WHERE id = ?")
        .param(id)
        .query(Long.class)
        .single();
  }

  private long rowsOfUser() {
    return jdbc.sql(
            "SELECT (SELECT COUNT(*) FROM vault_files WHERE owner_id = ?)"
                + " + (SELECT COUNT(*) FROM vault_uploads WHERE owner_id = ?)")
        .params(user.id(), user.id())
        .query(Long.class)
        .single();
  }

  private long keyRows() {
    return jdbc.sql("SELECT COUNT(*) FROM vault_user_keys WHERE account_id = ?")
        .param(user.id())
        .query(Long.class)
        .single();
  }

  private long openReservations() {
    return jdbc.sql("SELECT COUNT(*) FROM vault_uploads WHERE owner_id = ?")
        .param(user.id())
        .query(Long.class)
        .single();
  }

  private long blobCountOfUser() throws Exception {
    long count = 0;
    for (String blob :
        jdbc.sql("SELECT blob_id FROM vault_files WHERE owner_id = ?")
            .param(user.id())
            .query(String.class)
            .list()) {
      if (blobs.exists(BlobId.parse(blob))) {
        count++;
      }
    }
    return count;
  }

  static byte[] random(int length) {
    byte[] bytes = new byte[length];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }
}
