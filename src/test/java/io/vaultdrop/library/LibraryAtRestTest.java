package io.vaultdrop.library;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.crypto.MasterKeyRing;
import io.vaultdrop.crypto.ObjectCipher;
import io.vaultdrop.crypto.WrappedKey;
import io.vaultdrop.library.LibraryHttp.Caller;
import io.vaultdrop.library.internal.ooxml.OoxmlSamples;
import io.vaultdrop.library.internal.ooxml.OoxmlSamples.Method;
import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.testsupport.DataFolder;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
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

/**
 * What a copy of the data folder (embedded H2 database and blobs) holds of a library document:
 * ciphertext that only the wrapped key opens, no plaintext, no data key, no download link. Also: an
 * SMTP server that refuses connections does not fail a publication that has subscribers.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "vaultdrop.scheduling.enabled=false")
class LibraryAtRestTest {

  private static final Path DATA_DIR = createDataDir();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    registry.add("vaultdrop.data-dir", DATA_DIR::toString);
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    int port = closed;
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> port);
  }

  @LocalServerPort int port;
  @Autowired AccountService accounts;
  @Autowired JdbcClient jdbc;
  @Autowired BlobStore blobs;
  @Autowired ObjectCipher cipher;
  @Autowired MasterKeyRing ring;

  @Test
  void dataFolderCopy_revealsNoPlaintextNoKeyNoLink() throws Exception {
    LibraryHttp http = new LibraryHttp(port);
    String password = "correct horse battery";
    String operatorEmail = "op" + System.nanoTime() + "@example.org";
    String memberEmail = "m" + System.nanoTime() + "@example.org";
    accounts.createUser(operatorEmail, password, Role.OPERATOR, null, null);
    accounts.createUser(memberEmail, password, Role.MEMBER, null, null);
    Caller operator = http.bearer(operatorEmail, password);
    Caller member = http.bearer(memberEmail, password);
    assertThat(http.call("PUT", "/api/v1/library/subscription", member).statusCode())
        .isEqualTo(204);

    byte[] marker = new byte[24];
    new SecureRandom().nextBytes(marker);
    String secretText = "Secret" + HexFormat.of().formatHex(marker);
    // Stored, not deflated: the marker is plainly in the uploaded bytes.
    byte[] docx = OoxmlSamples.docx(secretText.repeat(200)).all(Method.STORED).bytes();
    assertThat(new String(docx, StandardCharsets.ISO_8859_1)).contains(secretText);

    HttpResponse<String> created =
        http.upload("POST", "/api/v1/library", operator, "Secret plan.docx", docx);
    assertThat(created.statusCode()).as("mail failure must not fail the upload").isEqualTo(201);
    String id = LibraryHttp.json(created.body()).get("id").asString();
    String link =
        LibraryHttp.json(
                http.call("POST", "/api/v1/library/" + id + "/download-link", member).body())
            .get("download-link")
            .asString();
    String token = link.substring(link.lastIndexOf('/') + 1);
    assertThat(http.get(link, member).body()).isEqualTo(docx);

    Map<String, Object> row =
        jdbc.sql("SELECT * FROM library_documents WHERE id = ?").param(id).query().singleRow();
    BlobId blob = BlobId.parse((String) value(row, "blob_id"));
    byte[] dataKey;
    try (DataKey key =
        ring.unwrap(
            WrappedKey.fromBytes((byte[]) value(row, "wrapped_key")),
            ("library:" + id).getBytes(StandardCharsets.US_ASCII))) {
      dataKey = key.exportSecretBytes();
    }
    // The blob is this document, and the wrapped key (with the master key) opens it...
    try (InputStream in =
        cipher.decrypt(
            blobs.open(blob),
            DataKey.fromSecretBytes(dataKey),
            ("library:" + id + ":" + blob.value()).getBytes(StandardCharsets.US_ASCII))) {
      assertThat(in.readAllBytes()).isEqualTo(docx);
    }

    // ...but no file in the data folder holds the text, the data key or the link.
    jdbc.sql("CHECKPOINT SYNC").update();
    String dump = String.join("\n", jdbc.sql("SCRIPT").query((rs, n) -> rs.getString(1)).list());
    assertThat(dump).contains(id);
    List<byte[]> needles = new ArrayList<>();
    for (String text :
        List.of(
            secretText,
            token,
            Base64.getEncoder().encodeToString(dataKey),
            Base64.getUrlEncoder().withoutPadding().encodeToString(dataKey),
            HexFormat.of().formatHex(dataKey))) {
      assertThat(dump).doesNotContain(text);
      needles.add(text.getBytes(StandardCharsets.UTF_8));
    }
    needles.add(marker);
    needles.add(dataKey);
    List<Path> files = DataFolder.files(DATA_DIR);
    assertThat(files.stream().anyMatch(p -> p.toString().endsWith(".mv.db"))).isTrue();
    assertThat(files.size()).isGreaterThan(2);
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      for (byte[] needle : needles) {
        assertThat(DataFolder.indexOf(bytes, needle)).as(file + " holds a secret").isEqualTo(-1);
      }
    }
  }

  private static Object value(Map<String, Object> row, String column) {
    return row.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(column))
        .findFirst()
        .orElseThrow()
        .getValue();
  }

  private static Path createDataDir() {
    try {
      return Files.createTempDirectory("vaultdrop-library-at-rest");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
