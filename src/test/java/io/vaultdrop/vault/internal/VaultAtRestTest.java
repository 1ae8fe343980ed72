package io.vaultdrop.vault.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.hybrid.HpkePrivateKey;
import com.google.crypto.tink.hybrid.HybridConfig2026;
import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.crypto.MasterKeyRing;
import io.vaultdrop.crypto.ObjectCipher;
import io.vaultdrop.crypto.WrappedKey;
import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.testsupport.DataFolder;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a thief with a copy of the database and the data folder (but not the master key, which comes
 * from {@code VAULTDROP_MASTER_KEY}) gets: the H2 database file and the blobs hold no plaintext, no
 * data key and no private key, while the chain master key → user key → data key → content does
 * open. And what someone who can edit the database gets by moving things around: nothing, since
 * every link of that chain is bound to its owner and file.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "vaultdrop.scheduling.enabled=false")
class VaultAtRestTest {

  private static final String PASSWORD = "correct horse battery";
  private static final Path DATA_DIR = createDataDir();
  private static final byte[] MASTER_KEY = random(32);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    // Default datasource: an H2 file database inside the data folder.
    registry.add("vaultdrop.data-dir", DATA_DIR::toString);
    registry.add("vaultdrop.master-key", () -> Base64.getEncoder().encodeToString(MASTER_KEY));
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired BlobStore blobs;
  @Autowired ObjectCipher cipher;
  @Autowired MasterKeyRing ring;
  @Autowired UserKeys userKeys;
  @Autowired AccountService accounts;

  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void databaseAndDataFolderCopy_holdNoPlaintextAndNoUsableKey() throws Exception {
    byte[] marker = random(24);
    byte[] content = new byte[512 * 1024];
    for (int i = 0; i < content.length; i += marker.length) {
      System.arraycopy(marker, 0, content, i, Math.min(marker.length, content.length - i));
    }
    User user = user();
    String id = upload(user.token(), "plans.bin", content);

    Map<String, Object> file =
        jdbc.sql("SELECT * FROM vault_files WHERE id = ?").param(id).query().singleRow();
    Map<String, Object> keyRow =
        jdbc.sql("SELECT * FROM vault_user_keys WHERE account_id = ?")
            .param(user.id())
            .query()
            .singleRow();
    assertThat(value(keyRow, "master_key_id")).isEqualTo(ring.primaryKeyId());

    // The chain opens with the master key: sealed private key → data key → content.
    byte[] privateKeyset =
        ring.open(
            WrappedKey.fromBytes((byte[]) value(keyRow, "sealed_private_keyset")),
            ("vault-user-key:" + user.id()).getBytes(StandardCharsets.UTF_8));
    byte[] privateKey =
        ((HpkePrivateKey)
                TinkProtoKeysetFormat.parseKeyset(
                        privateKeyset, InsecureSecretKeyAccess.get(), HybridConfig2026.get())
                    .getPrimary()
                    .getKey())
            .getPrivateKeyBytes()
            .toByteArray(InsecureSecretKeyAccess.get());
    byte[] dataKey =
        userKeys
            .decrypterFor(user.id())
            .decrypt((byte[]) value(file, "wrapped_key"), FileCrypto.keyContext(user.id(), id));
    BlobId blob = BlobId.parse((String) value(file, "blob_id"));
    try (InputStream in =
        cipher.decrypt(
            blobs.open(blob), DataKey.fromSecretBytes(dataKey), FileCrypto.objectAd(id))) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }

    List<byte[]> needles =
        List.of(
            marker, dataKey, privateKey, privateKeyset, MASTER_KEY, ring.derivePrimarySubkey("x"));
    List<String> texts = new ArrayList<>();
    for (byte[] needle : needles.subList(0, 5)) {
      texts.add(HexFormat.of().formatHex(needle));
      texts.add(Base64.getEncoder().encodeToString(needle));
      texts.add(Base64.getUrlEncoder().withoutPadding().encodeToString(needle));
    }

    // The whole database as an SQL dump (binary columns appear as hex there).
    jdbc.sql("CHECKPOINT SYNC").update();
    String dump =
        String.join("\n", jdbc.sql("SCRIPT").query((rs, n) -> rs.getString(1)).list())
            .toLowerCase();
    assertThat(dump).contains(id.toLowerCase());
    for (String text : texts) {
      assertThat(dump).doesNotContain(text.toLowerCase());
    }
    // Every file of the data folder, the H2 database file included; no master key file either.
    List<Path> files = DataFolder.files(DATA_DIR);
    assertThat(files.stream().anyMatch(p -> p.toString().endsWith(".mv.db"))).isTrue();
    assertThat(files.stream().anyMatch(p -> p.getFileName().toString().equals("master.key")))
        .isFalse();
    for (Path path : files) {
      byte[] bytes = Files.readAllBytes(path);
      for (byte[] needle : needles.subList(0, 5)) {
        assertThat(DataFolder.indexOf(bytes, needle)).as(path + " holds a secret").isEqualTo(-1);
      }
      for (String text : texts) {
        assertThat(DataFolder.indexOf(bytes, text.getBytes(StandardCharsets.US_ASCII)))
            .as(path + " holds a secret")
            .isEqualTo(-1);
      }
    }
  }

  @Test
  void swappedBlobs_areRefused_notServedAsTheOtherFile() throws Exception {
    User user = user();
    String a = upload(user.token(), "a.txt", "content of a".getBytes());
    String b = upload(user.token(), "b.txt", "content of b".getBytes());
    String blobA = column(a, "blob_id");
    String blobB = column(b, "blob_id");
    jdbc.sql("UPDATE vault_files SET blob_id = ? WHERE id = ?").params("0".repeat(32), a).update();
    jdbc.sql("UPDATE vault_files SET blob_id = ? WHERE id = ?").params(blobA, b).update();
    jdbc.sql("UPDATE vault_files SET blob_id = ? WHERE id = ?").params(blobB, a).update();
    assertThat(download(user.token(), a).statusCode()).isEqualTo(500);
    assertThat(download(user.token(), b).statusCode()).isEqualTo(500);
  }

  @Test
  void swappedWrappedKeys_areRefused() throws Exception {
    User user = user();
    String a = upload(user.token(), "a.txt", "content of a".getBytes());
    String b = upload(user.token(), "b.txt", "content of b".getBytes());
    byte[] keyA = wrappedKey(a);
    byte[] keyB = wrappedKey(b);
    jdbc.sql("UPDATE vault_files SET wrapped_key = ? WHERE id = ?").params(keyB, a).update();
    jdbc.sql("UPDATE vault_files SET wrapped_key = ? WHERE id = ?").params(keyA, b).update();
    assertThat(download(user.token(), a).statusCode()).isEqualTo(500);
    assertThat(download(user.token(), b).statusCode()).isEqualTo(500);
  }

  @Test
  void aFileMovedToAnotherOwner_doesNotOpenForThem() throws Exception {
    User owner = user();
    User thief = user();
    upload(thief.token(), "mine.txt", "the thief has a key pair too".getBytes());
    String id = upload(owner.token(), "secret.txt", "owner's secret".getBytes());
    jdbc.sql("UPDATE vault_files SET owner_id = ? WHERE id = ?").params(thief.id(), id).update();
    HttpResponse<byte[]> response = download(thief.token(), id);
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain("secret");
  }

  @Test
  void aUserKeyCopiedToAnotherAccount_doesNotOpen() throws Exception {
    User owner = user();
    User thief = user();
    String id = upload(owner.token(), "secret.txt", "owner's secret".getBytes());
    upload(thief.token(), "mine.txt", "x".getBytes());
    byte[] sealed =
        jdbc.sql("SELECT sealed_private_keyset FROM vault_user_keys WHERE account_id = ?")
            .param(owner.id())
            .query(byte[].class)
            .single();
    jdbc.sql("UPDATE vault_user_keys SET sealed_private_keyset = ? WHERE account_id = ?")
        .params(sealed, thief.id())
        .update();
    jdbc.sql("UPDATE vault_files SET owner_id = ? WHERE id = ?").params(thief.id(), id).update();
    assertThat(download(thief.token(), id).statusCode()).isEqualTo(500);
  }

  // ------------------------------------------------------------------ helpers

  record User(String id, String token) {}

  private User user() throws Exception {
    String email = "u" + System.nanoTime() + "@example.org";
    String id = accounts.createUser(email, PASSWORD, Role.MEMBER, null, null).id();
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create(base() + "/api/v1/auth/token"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return new User(
        id, JsonMapper.builder().build().readTree(response.body()).get("accessToken").asString());
  }

  private String upload(String token, String name, byte[] content) throws Exception {
    String boundary = "at-rest-boundary";
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + name
                + "\"\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[head.length + content.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(content, 0, body, head.length, content.length);
    System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create(base() + "/api/v1/files"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(201);
    return JsonMapper.builder().build().readTree(response.body()).get("id").asString();
  }

  private HttpResponse<byte[]> download(String token, String id) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(base() + "/api/v1/files/" + id + "/content"))
            .header("Authorization", "Bearer " + token)
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private String column(String id, String column) {
    return jdbc.sql("SELECT " + column + " FROM vault_files WHERE id = ?")
        .param(id)
        .query(String.class)
        .single();
  }

  private byte[] wrappedKey(String id) {
    return jdbc.sql("SELECT wrapped_key FROM vault_files WHERE id = ?")
        .param(id)
        .query(byte[].class)
        .single();
  }

  private String base() {
    return "http://localhost:" + port;
  }

  private static Object value(Map<String, Object> row, String column) {
    return row.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(column))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no column " + column))
        .getValue();
  }

  private static byte[] random(int length) {
    byte[] bytes = new byte[length];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }

  private static Path createDataDir() {
    try {
      return Files.createTempDirectory("vaultdrop-vault-at-rest");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
