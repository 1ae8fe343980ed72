package io.vaultdrop.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.crypto.ObjectCipher;
import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import webtest.EncryptedUploadEndpoint;
import webtest.TestEndpointRules;

/**
 * The foundation end to end over real HTTP: multipart part → object cipher → blob store. The upload
 * carries a random marker; afterwards no file under the data folder or the temp folder contains it,
 * and the stored blob decrypts back to exactly what was sent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({EncryptedUploadEndpoint.class, TestEndpointRules.class})
class EncryptedUploadPipelineTest {

  private static final Path DATA_DIR = createDataDir();
  private static final int SIZE = 3 * 1024 * 1024 + 17;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("vaultdrop.data-dir", DATA_DIR::toString);
    registry.add(
        "spring.datasource.url",
        () -> "jdbc:h2:mem:pipeline-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
  }

  @LocalServerPort int port;
  @Autowired ObjectCipher cipher;
  @Autowired BlobStore blobs;
  @Autowired JsonMapper json;

  @ParameterizedTest
  @ValueSource(strings = {"AES_256_GCM", "CHACHA20_POLY1305"})
  void upload_isStoredEncryptedOnly_andDecryptsToTheOriginal(String suite) throws Exception {
    byte[] marker = new byte[32];
    new SecureRandom().nextBytes(marker);
    byte[] content = new byte[SIZE];
    for (int i = 0; i < SIZE; i += marker.length) {
      System.arraycopy(marker, 0, content, i, Math.min(marker.length, SIZE - i));
    }
    long started = System.currentTimeMillis();

    JsonNode stored = upload(suite, content);

    DataKey key = DataKey.fromSecretBytes(HexFormat.of().parseHex(stored.get("key").asString()));
    BlobId id = BlobId.parse(stored.get("blobId").asString());
    ByteArrayOutputStream back = new ByteArrayOutputStream();
    try (InputStream in =
        cipher.decrypt(blobs.open(id), key, id.value().getBytes(StandardCharsets.UTF_8))) {
      in.transferTo(back);
    }
    assertThat(digest(back.toByteArray())).isEqualTo(digest(content));
    assertThat(filesContaining(DATA_DIR, marker, 0)).isEmpty();
    assertThat(filesContaining(Path.of(System.getProperty("java.io.tmpdir")), marker, started))
        .isEmpty();
  }

  private JsonNode upload(String suite, byte[] content) throws Exception {
    String boundary = "----vaultdrop" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"suite\"\r\n\r\n"
                + suite
                + "\r\n--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"secret.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + port + "/api/test/encrypted-upload"))
                  .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      return json.readTree(response.body());
    }
  }

  /**
   * Regular files under {@code root} modified since {@code sinceMillis} that hold {@code needle}.
   */
  private static List<Path> filesContaining(Path root, byte[] needle, long sinceMillis)
      throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .filter(Files::isReadable)
          .filter(p -> modifiedSince(p, sinceMillis))
          .filter(p -> contains(p, needle))
          .toList();
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static boolean modifiedSince(Path path, long sinceMillis) {
    try {
      return Files.getLastModifiedTime(path).toMillis() >= sinceMillis;
    } catch (IOException goneMeanwhile) {
      return false;
    }
  }

  private static boolean contains(Path path, byte[] needle) {
    try {
      if (Files.size(path) > 512L * 1024 * 1024) {
        return false;
      }
      byte[] bytes = Files.readAllBytes(path);
      outer:
      for (int i = 0; i + needle.length <= bytes.length; i++) {
        for (int j = 0; j < needle.length; j++) {
          if (bytes[i + j] != needle[j]) {
            continue outer;
          }
        }
        return true;
      }
      return false;
    } catch (IOException unreadable) {
      return false;
    }
  }

  private static String digest(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static Path createDataDir() {
    try {
      return Files.createTempDirectory("vaultdrop-pipeline");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
