package io.vaultdrop.shares;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.crypto.DecryptionFailedException;
import io.vaultdrop.crypto.ObjectCipher;
import io.vaultdrop.shares.internal.ShareKeys;
import io.vaultdrop.shares.internal.ShareToken;
import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.testsupport.DataFolder;
import java.io.IOException;
import java.io.InputStream;
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
import tools.jackson.databind.JsonNode;

/**
 * What a thief with a copy of the database and the data folder gets: the embedded H2 database file
 * and the blobs live in the data folder; neither holds the plaintext, the link secret, the
 * password, the revoke token or the data key, and nothing stored decrypts the blob.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "vaultdrop.scheduling.enabled=false")
class ShareAtRestTest {

  private static final Path DATA_DIR = createDataDir();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    // Default datasource: an H2 file database inside the data folder.
    registry.add("vaultdrop.data-dir", DATA_DIR::toString);
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired BlobStore blobs;
  @Autowired ObjectCipher cipher;
  @Autowired ShareKeys keys;

  @Test
  void databaseAndDataFolderCopy_revealNoPlaintextAndNoKey() throws Exception {
    byte[] marker = new byte[24];
    new SecureRandom().nextBytes(marker);
    byte[] content = new byte[512 * 1024];
    for (int i = 0; i < content.length; i += marker.length) {
      System.arraycopy(marker, 0, content, i, Math.min(marker.length, content.length - i));
    }
    String password = "correct pony staple " + HexFormat.of().formatHex(marker, 0, 4);
    JsonNode created;
    try (ShareHttp http = new ShareHttp(port)) {
      created =
          http.created(
              "secret.bin", content, ShareHttp.fields("password", password, "maxDownloads", "2"));
    }
    String tokenText = created.get("token").asString();
    String revokeToken = created.get("revokeToken").asString();
    ShareToken token = ShareToken.parse(tokenText).orElseThrow();
    Map<String, Object> row =
        new java.util.HashMap<>(
            jdbc.sql("SELECT * FROM shares WHERE id = ?").param(token.id()).query().singleRow());
    ShareKeys.PasswordParameters parameters =
        new ShareKeys.PasswordParameters(
            Base64.getUrlDecoder().decode((String) value(row, "password_salt")),
            ((Number) value(row, "argon2_memory_kib")).intValue(),
            ((Number) value(row, "argon2_iterations")).intValue(),
            ((Number) value(row, "argon2_parallelism")).intValue());
    byte[] passwordKey = keys.passwordKey(password, parameters);
    byte[] dataKey;
    try (DataKey key = keys.dataKey(token, passwordKey)) {
      dataKey = key.exportSecretBytes();
    }
    BlobId blob = BlobId.parse((String) value(row, "blob_id"));

    // The blob really is this share's file: the link-derived key opens it...
    byte[] back;
    try (InputStream in =
        cipher.decrypt(
            blobs.open(blob),
            DataKey.fromSecretBytes(dataKey),
            ("vaultdrop-share:" + token.id() + "|file:0").getBytes(StandardCharsets.UTF_8))) {
      back = in.readAllBytes();
    }
    assertThat(back).isEqualTo(content);
    // ...and nothing stored in the row does.
    for (Object stored : row.values()) {
      if (stored instanceof String text && text.length() >= 43) {
        byte[] candidate = Base64.getUrlDecoder().decode(text.substring(0, 43));
        assertThatThrownBy(
                () ->
                    cipher.decrypt(
                        blobs.open(blob),
                        DataKey.fromSecretBytes(candidate),
                        ("vaultdrop-share:" + token.id() + "|file:0")
                            .getBytes(StandardCharsets.UTF_8)))
            .isInstanceOf(DecryptionFailedException.class);
      }
    }

    // The file's row names its blob and holds its CRC-32 only sealed: a plaintext CRC would be a
    // fingerprint of the content.
    Map<String, Object> fileRow =
        jdbc.sql("SELECT * FROM share_files WHERE share_id = ?")
            .param(token.id())
            .query()
            .singleRow();
    assertThat(value(fileRow, "blob_id")).isEqualTo(blob.value());
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(content);
    String sealedCrc = (String) value(fileRow, "sealed_crc");
    assertThat(sealedCrc).isNotBlank();
    List<String> crcForms =
        List.of(
            Long.toString(crc.getValue()),
            Long.toHexString(crc.getValue()),
            Integer.toString((int) crc.getValue()),
            Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array()));
    for (Object stored : fileRow.values()) {
      for (String form : crcForms) {
        assertThat(String.valueOf(stored)).doesNotContain(form);
      }
    }
    fileRow.forEach((k, v) -> row.put("share_files." + k, v));

    // No column holds the link secret, the whole link, the password, the revoke token or the key.
    byte[] secret = token.secret();
    List<String> forbidden =
        List.of(
            tokenText,
            tokenText.substring(22),
            Base64.getEncoder().encodeToString(secret),
            HexFormat.of().formatHex(secret),
            password,
            revokeToken,
            Base64.getUrlEncoder().withoutPadding().encodeToString(dataKey),
            Base64.getEncoder().encodeToString(dataKey),
            HexFormat.of().formatHex(dataKey),
            Base64.getUrlEncoder().withoutPadding().encodeToString(passwordKey));
    for (Object stored : row.values()) {
      String text = String.valueOf(stored);
      for (String f : forbidden) {
        assertThat(text).doesNotContain(f);
      }
    }

    // The whole database (as an SQL dump and as files) and every file in the data folder.
    jdbc.sql("CHECKPOINT SYNC").update();
    String dump = String.join("\n", jdbc.sql("SCRIPT").query((rs, n) -> rs.getString(1)).list());
    assertThat(dump).contains(token.id());
    for (String f : forbidden) {
      assertThat(dump).doesNotContain(f);
    }
    List<byte[]> needles = new ArrayList<>();
    needles.add(marker);
    needles.add(secret);
    needles.add(dataKey);
    needles.add(passwordKey);
    for (String f : forbidden) {
      needles.add(f.getBytes(StandardCharsets.UTF_8));
    }
    List<Path> files = DataFolder.files(DATA_DIR);
    assertThat(files).isNotEmpty();
    assertThat(files.stream().anyMatch(p -> p.toString().endsWith(".mv.db"))).isTrue();
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      for (byte[] needle : needles) {
        assertThat(DataFolder.indexOf(bytes, needle)).as(file + " holds a secret").isEqualTo(-1);
      }
    }
  }

  private static Object value(Map<String, Object> row, String column) {
    for (Map.Entry<String, Object> e : row.entrySet()) {
      if (e.getKey().equalsIgnoreCase(column)) {
        return e.getValue();
      }
    }
    throw new AssertionError("no column " + column);
  }

  private static Path createDataDir() {
    try {
      return Files.createTempDirectory("vaultdrop-share-at-rest");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
