package io.vaultdrop.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.VaultdropApplication;
import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.crypto.MasterKey;
import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobStore;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Master key rotation as an operator does it, across real restarts on one data folder: files are
 * uploaded under master key A; the server restarts with primary B and previous A, an administrator
 * re-wraps the user keys (API); then A is removed from the ring entirely and every file still
 * opens. The re-wrap changes only the sealed user keys: every blob and every wrapped data key is
 * byte for byte what it was. Without the re-wrap, removing A makes the files unreadable.
 */
class VaultKeyRotationTest {

  private static final String PASSWORD = AccountsWebTestSupport.PASSWORD;

  @TempDir Path dataDir;

  private final String keyA = newKey();
  private final String keyB = newKey();

  /**
   * A file and its owner's e-mail (API tokens are signed with a key derived from the master key, so
   * every restart with another primary key needs fresh ones).
   */
  record Stored(String email, String id, byte[] content) {}

  @Test
  void rewrap_movesUserKeysToTheNewMasterKey_filesUntouched_oldKeyCanGo() throws Exception {
    String idA = keyId(keyA);
    String idB = keyId(keyB);
    List<Stored> stored;
    Map<String, String> fingerprints;
    String adminEmail = "admin-" + System.nanoTime() + "@example.org";

    // 1. Everything is written under A.
    try (ConfigurableApplicationContext app = start(keyA, null)) {
      VaultHttp http = http(app);
      AccountService accounts = app.getBean(AccountService.class);
      accounts.createUser(adminEmail, PASSWORD, Role.ADMIN, null, null);
      String alice = user(accounts);
      String bob = user(accounts);
      stored =
          List.of(
              upload(http, alice, "a1.txt", 1000),
              upload(http, alice, "a2.bin", 300_000),
              upload(http, bob, "b1.txt", 0));
      assertThat(masterKeyIds(app)).containsOnly(idA).hasSize(2);
      fingerprints = fingerprints(app);
    }

    // Control: without A in the ring (and before any re-wrap) nothing opens.
    try (ConfigurableApplicationContext app = start(keyB, null)) {
      VaultHttp http = http(app);
      for (Stored file : stored) {
        HttpResponse<byte[]> download =
            http.bytes(content(file), http.token(file.email(), PASSWORD));
        assertThat(download.statusCode()).isEqualTo(500);
      }
    }

    // 2. Primary B, previous A: files open, the administrator re-wraps the user keys.
    try (ConfigurableApplicationContext app = start(keyB, keyA)) {
      VaultHttp http = http(app);
      assertDownloads(http, stored);
      String admin = http.token(adminEmail, PASSWORD);
      JsonNode before = VaultHttp.json(http.get("/api/v1/admin/vault", admin).body());
      assertThat(before.get("primaryKeyId").asString()).isEqualTo(idB);
      assertThat(before.get("userKeys").asLong()).isEqualTo(2);
      assertThat(before.get("staleUserKeys").asLong()).isEqualTo(2);

      HttpResponse<String> rewrap = http.postJson("/api/v1/admin/vault/rewrap-keys", admin, null);
      assertThat(rewrap.statusCode()).isEqualTo(200);
      JsonNode report = VaultHttp.json(rewrap.body());
      assertThat(report.get("primaryKeyId").asString()).isEqualTo(idB);
      assertThat(report.get("rewrapped").asInt()).isEqualTo(2);
      assertThat(report.get("failed").asInt()).isZero();
      assertThat(masterKeyIds(app)).containsOnly(idB).hasSize(2);
      assertThat(fingerprints(app)).isEqualTo(fingerprints);
      JsonNode after = VaultHttp.json(http.get("/api/v1/admin/vault", admin).body());
      assertThat(after.get("staleUserKeys").asLong()).isZero();

      // A second run has nothing left to do.
      JsonNode again =
          VaultHttp.json(http.postJson("/api/v1/admin/vault/rewrap-keys", admin, null).body());
      assertThat(again.get("rewrapped").asInt()).isZero();
      assertThat(
              app.getBean(JdbcClient.class)
                  .sql(
                      "SELECT COUNT(*) FROM audit_events WHERE event_type = 'VAULT_KEYS_REWRAPPED'")
                  .query(Long.class)
                  .single())
          .isEqualTo(2);
    }

    // 3. A is gone from the ring: every file still opens, new uploads work.
    try (ConfigurableApplicationContext app = start(keyB, null)) {
      VaultHttp http = http(app);
      assertDownloads(http, stored);
      assertThat(fingerprints(app)).isEqualTo(fingerprints);
      Stored fresh = upload(http, stored.getFirst().email(), "after.txt", 5000);
      assertDownloads(http, List.of(fresh));
    }
  }

  /** Command-line arguments: they win over application.yml (builder properties would not). */
  private ConfigurableApplicationContext start(String masterKey, String previous) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "--server.port=0",
                "--vaultdrop.data-dir=" + dataDir,
                "--vaultdrop.scheduling.enabled=false",
                "--vaultdrop.master-key=" + masterKey));
    if (previous != null) {
      args.add("--vaultdrop.previous-master-keys=" + previous);
    }
    return new SpringApplicationBuilder(VaultdropApplication.class)
        .run(args.toArray(String[]::new));
  }

  private static VaultHttp http(ConfigurableApplicationContext app) {
    return new VaultHttp(
        Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port")));
  }

  private static String user(AccountService accounts) {
    String email = "u" + System.nanoTime() + "@example.org";
    accounts.createUser(email, PASSWORD, Role.MEMBER, null, null);
    return email;
  }

  private static Stored upload(VaultHttp http, String email, String name, int size)
      throws Exception {
    byte[] content = VaultApiTest.random(size);
    HttpResponse<String> created = http.upload(http.token(email, PASSWORD), name, content);
    assertThat(created.statusCode()).isEqualTo(201);
    return new Stored(email, VaultHttp.json(created.body()).get("id").asString(), content);
  }

  private static void assertDownloads(VaultHttp http, List<Stored> files) throws Exception {
    for (Stored file : files) {
      HttpResponse<byte[]> download = http.bytes(content(file), http.token(file.email(), PASSWORD));
      assertThat(download.statusCode()).isEqualTo(200);
      assertThat(download.body()).isEqualTo(file.content());
    }
  }

  private static String content(Stored file) {
    return "/api/v1/files/" + file.id() + "/content";
  }

  private static List<String> masterKeyIds(ConfigurableApplicationContext app) {
    return app.getBean(JdbcClient.class)
        .sql("SELECT master_key_id FROM vault_user_keys")
        .query(String.class)
        .list();
  }

  /** SHA-256 of every vault blob and of every wrapped data key, by file id. */
  private static Map<String, String> fingerprints(ConfigurableApplicationContext app)
      throws Exception {
    BlobStore blobs = app.getBean(BlobStore.class);
    Map<String, String> prints = new LinkedHashMap<>();
    for (Map<String, Object> row :
        app.getBean(JdbcClient.class)
            .sql("SELECT id, blob_id, wrapped_key FROM vault_files ORDER BY id")
            .query()
            .listOfRows()) {
      String id = (String) value(row, "id");
      MessageDigest blob = MessageDigest.getInstance("SHA-256");
      try (InputStream in = blobs.open(BlobId.parse((String) value(row, "blob_id")))) {
        blob.update(in.readAllBytes());
      }
      byte[] wrapped = (byte[]) value(row, "wrapped_key");
      prints.put(id + ":blob", HexFormat.of().formatHex(blob.digest()));
      prints.put(
          id + ":key",
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(wrapped)));
    }
    assertThat(prints).hasSize(2 * 3);
    return prints;
  }

  private static Object value(Map<String, Object> row, String column) {
    return row.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(column))
        .findFirst()
        .orElseThrow()
        .getValue();
  }

  private static String newKey() {
    return Base64.getEncoder().encodeToString(VaultApiTest.random(32));
  }

  private static String keyId(String base64) {
    return MasterKey.fromSecretBytes(Base64.getDecoder().decode(base64)).keyId();
  }
}
