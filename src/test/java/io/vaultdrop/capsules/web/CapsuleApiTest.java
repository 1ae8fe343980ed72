package io.vaultdrop.capsules.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWEObject;
import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.capsules.internal.CapsuleClaims;
import io.vaultdrop.capsules.internal.CapsuleTokens;
import io.vaultdrop.crypto.MasterKeyRing;
import io.vaultdrop.objects.internal.ObjectSweeper;
import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.testsupport.MutableClock;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The capsule API over real HTTP, against the embedded default storage. */
class CapsuleApiTest extends CapsuleWebTestSupport {

  private static final SecureRandom RANDOM = new SecureRandom();

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired CapsuleTokens tokens;
  @Autowired MasterKeyRing ring;
  @Autowired BlobStore blobs;
  @Autowired JdbcClient jdbc;
  @Autowired MutableClock clock;
  @Autowired ObjectSweeper sweeper;
  @Autowired AccountService accounts;

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void upload_thenOpen_returnsTheSameBytesAsAHarmlessAttachment(CapturedOutput output)
      throws Exception {
    byte[] content = random(200 * 1024 + 7);
    try (CapsuleHttp http = new CapsuleHttp(port, freshAddress())) {
      HttpResponse<String> created = http.upload("../../etc/<script>ünï cödé.txt", content);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      String jwe = json.readTree(created.body()).get("jwe").asString();

      HttpResponse<byte[]> opened = http.open(CapsuleHttp.body(jwe));

      assertThat(opened.statusCode()).isEqualTo(200);
      assertThat(opened.body()).isEqualTo(content);
      assertThat(opened.headers().firstValueAsLong("Content-Length")).hasValue(content.length);
      String disposition = opened.headers().firstValue("Content-Disposition").orElseThrow();
      assertThat(disposition).startsWith("attachment;").contains("filename*=UTF-8''");
      assertThat(disposition).doesNotContain("../", "/", "\\");
      assertThat(opened.headers().firstValue("Content-Security-Policy"))
          .hasValue("default-src 'none'; sandbox");
      assertThat(opened.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(opened.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
      assertThat(http.delete(CapsuleHttp.body(jwe)).statusCode()).isEqualTo(204);
      String ciphertext = jwe.split("\\.")[3];
      assertThat(output.getAll())
          .contains("POST /api/v1/capsules/open 200")
          .doesNotContain(ciphertext);
    }
  }

  @Test
  void upload_answersACompactJweWithA256kwA256gcmAndAKid() throws Exception {
    try (CapsuleHttp http = new CapsuleHttp(port, freshAddress())) {
      String jwe = create(http, random(10));

      assertThat(jwe.split("\\.", -1)).hasSize(5);
      JWEObject parsed = JWEObject.parse(jwe);
      assertThat(parsed.getHeader().getEncryptionMethod().getName()).isEqualTo("A256GCM");
      assertThat(parsed.getHeader().getAlgorithm().getName()).isEqualTo("A256KW");
      assertThat(parsed.getHeader().getKeyID()).isEqualTo(ring.primaryKeyId());
    }
  }

  @Test
  void upload_leavesNoKeyNorPlaintextInTheDataFolderOrDatabase() throws Exception {
    byte[] marker = random(32);
    byte[] content = new byte[64 * 1024];
    for (int i = 0; i < content.length; i += marker.length) {
      System.arraycopy(marker, 0, content, i, marker.length);
    }
    String jwe;
    try (CapsuleHttp http = new CapsuleHttp(port, freshAddress())) {
      jwe = create(http, content);
    }
    CapsuleClaims claims = tokens.open(jwe);
    byte[] key = claims.key().exportSecretBytes();
    List<byte[]> secrets =
        List.of(
            marker,
            key,
            HexFormat.of().formatHex(key).getBytes(StandardCharsets.US_ASCII),
            HexFormat.of().withUpperCase().formatHex(key).getBytes(StandardCharsets.US_ASCII),
            Base64.getUrlEncoder().withoutPadding().encode(key),
            Base64.getEncoder().encode(key),
            jwe.getBytes(StandardCharsets.US_ASCII));

    assertThat(blobs.exists(claims.blobId())).isTrue();
    try (Stream<Path> files = Files.walk(DATA_DIR)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        byte[] bytes = Files.readAllBytes(file);
        for (byte[] secret : secrets) {
          assertThat(indexOf(bytes, secret)).as("%s holds a secret", file).isEqualTo(-1);
        }
      }
    }
    String dump =
        String.join("\n", jdbc.sql("SCRIPT NOPASSWORDS NOSETTINGS").query(String.class).list());
    assertThat(dump).contains(claims.blobId().value());
    for (byte[] secret : secrets.subList(2, secrets.size())) {
      assertThat(dump).doesNotContain(new String(secret, StandardCharsets.US_ASCII));
    }
    assertThat(
            jdbc.sql(
                    "SELECT LOWER(column_name) FROM information_schema.columns"
                        + " WHERE LOWER(table_name) = 'capsules' ORDER BY 1")
                .query(String.class)
                .list())
        .containsExactly("blob_id", "created_at", "owner_id");
  }

  @Test
  void open_tamperedForeignOrGarbageTokens_areInvalidToken() throws Exception {
    try (CapsuleHttp http = new CapsuleHttp(port, freshAddress())) {
      String jwe = create(http, random(100));
      String[] parts = jwe.split("\\.");
      for (int part = 0; part < 5; part++) {
        byte[] decoded = Base64.getUrlDecoder().decode(parts[part]);
        decoded[decoded.length / 2] ^= 0x01;
        String[] copy = parts.clone();
        copy[part] = Base64.getUrlEncoder().withoutPadding().encodeToString(decoded);
        assertInvalidToken(http, String.join(".", copy));
      }
      String pbes2Header =
          b64(
              "{\"alg\":\"PBES2-HS256+A128KW\",\"enc\":\"A256GCM\",\"p2s\":\"AAAAAAAAAAA\",\"p2c\":1}");
      assertInvalidToken(http, pbes2Header + jwe.substring(jwe.indexOf('.')));
      String none =
          b64("{\"alg\":\"none\",\"enc\":\"A256GCM\",\"kid\":\"" + ring.primaryKeyId() + "\"}");
      assertInvalidToken(http, none + jwe.substring(jwe.indexOf('.')));
      String zip =
          b64(
              "{\"alg\":\"A256KW\",\"enc\":\"A256GCM\",\"kid\":\""
                  + ring.primaryKeyId()
                  + "\",\"zip\":\"DEF\"}");
      assertInvalidToken(http, zip + jwe.substring(jwe.indexOf('.')));
      assertInvalidToken(http, "A".repeat(CapsuleTokens.MAX_LENGTH + 1));
      assertInvalidToken(http, "garbage");
      assertInvalidToken(http, "");

      HttpResponse<byte[]> huge = http.open(CapsuleHttp.body("A".repeat(1_000_000)));
      assertThat(huge.statusCode()).isEqualTo(400);
      assertThat(new String(huge.body(), StandardCharsets.UTF_8)).contains("invalid_token");
      HttpResponse<byte[]> missing = http.open("{\"token\":\"x\"}");
      assertThat(new String(missing.body(), StandardCharsets.UTF_8)).contains("invalid_token");
      HttpResponse<byte[]> notJson = http.open("not json");
      assertThat(notJson.statusCode()).isEqualTo(400);
      assertThat(http.delete(CapsuleHttp.body("garbage")).body()).contains("invalid_token");

      assertThat(http.open(CapsuleHttp.body(jwe)).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void upload_bodyBrokenAfterTheFile_leavesNoCapsuleBehind() throws Exception {
    long before = jdbc.sql("SELECT COUNT(*) FROM capsules").query(Long.class).single();
    try (CapsuleHttp http = new CapsuleHttp(port, freshAddress())) {
      HttpResponse<String> refused = http.uploadTwice(random(1000));

      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.body()).doesNotContain("jwe");
    }
    assertThat(jdbc.sql("SELECT COUNT(*) FROM capsules").query(Long.class).single())
        .isEqualTo(before);
  }

  @Test
  void delete_thenOpenOrDeleteAgain_isNotFound() throws Exception {
    try (CapsuleHttp http = new CapsuleHttp(port, freshAddress())) {
      String jwe = create(http, random(100));
      CapsuleClaims claims = tokens.open(jwe);

      assertThat(http.delete(CapsuleHttp.body(jwe)).statusCode()).isEqualTo(204);

      assertThat(blobs.exists(claims.blobId())).isFalse();
      HttpResponse<byte[]> opened = http.open(CapsuleHttp.body(jwe));
      assertThat(opened.statusCode()).isEqualTo(404);
      assertThat(new String(opened.body(), StandardCharsets.UTF_8)).contains("not_found");
      assertThat(http.delete(CapsuleHttp.body(jwe)).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void upload_anonymousBeyondItsBudget_isRateLimited() throws Exception {
    String address = freshAddress();
    try (CapsuleHttp http = new CapsuleHttp(port, address)) {
      for (int i = 0; i < 3; i++) {
        assertThat(http.upload("a.txt", random(10)).statusCode()).isEqualTo(201);
      }
      HttpResponse<String> limited = http.upload("a.txt", random(10));
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After")).isPresent();
      assertThat(limited.body()).contains("rate_limited");
    }
    // Another address of the same IPv6 /64 shares the budget: rotating addresses escapes nothing.
    try (CapsuleHttp sameNetwork = new CapsuleHttp(port, address.replace("::1", "::beef:2"))) {
      assertThat(sameNetwork.upload("a.txt", random(10)).statusCode()).isEqualTo(429);
    }
    try (CapsuleHttp other = new CapsuleHttp(port, freshAddress())) {
      assertThat(other.upload("a.txt", random(10)).statusCode()).isEqualTo(201);
    }
  }

  @Test
  void upload_signedInBeyondTheAccountsBudget_isRateLimitedWhateverTheAddress() throws Exception {
    String email = "budget" + System.nanoTime() + "@example.org";
    accounts.createUser(email, AccountsWebTestSupport.PASSWORD, Role.MEMBER, null, null);
    String bearer;
    try (CapsuleHttp http = new CapsuleHttp(port, freshAddress())) {
      bearer = accessToken(http, email);
    }
    for (int i = 0; i < 4; i++) {
      try (CapsuleHttp http = new CapsuleHttp(port, freshAddress()).bearer(bearer)) {
        assertThat(http.upload("a.txt", random(10)).statusCode()).isEqualTo(201);
      }
    }
    try (CapsuleHttp http = new CapsuleHttp(port, freshAddress()).bearer(bearer)) {
      HttpResponse<String> limited = http.upload("a.txt", random(10));
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    }
  }

  @Test
  void upload_anonymousOverItsSizeLimit_isTooLarge_whileASignedInUserMayUploadIt()
      throws Exception {
    byte[] content = random(300 * 1024);
    try (CapsuleHttp http = new CapsuleHttp(port, freshAddress())) {
      HttpResponse<String> refused = http.upload("big.bin", content);
      assertThat(refused.statusCode()).isEqualTo(413);
      assertThat(refused.body()).contains("too_large");

      String email = "c" + System.nanoTime() + "@example.org";
      String userId =
          accounts.createUser(email, AccountsWebTestSupport.PASSWORD, Role.MEMBER, null, null).id();
      http.bearer(accessToken(http, email));
      String jwe = create(http, content);
      assertThat(http.open(CapsuleHttp.body(jwe)).body()).isEqualTo(content);

      accounts.deleteOwnAccount(userId, AccountsWebTestSupport.PASSWORD, "127.0.0.1");
      assertThat(blobs.exists(tokens.open(jwe).blobId())).isFalse();
    }
  }

  @Test
  void capsule_olderThanMaxAge_isGoneAndSwept() throws Exception {
    try (CapsuleHttp http = new CapsuleHttp(port, freshAddress())) {
      String old = create(http, random(100));
      clock.advance(Duration.ofHours(23));
      String young = create(http, random(100));
      clock.advance(Duration.ofHours(1).plusSeconds(1));

      assertThat(http.open(CapsuleHttp.body(old)).statusCode()).isEqualTo(404);
      assertThat(http.open(CapsuleHttp.body(young)).statusCode()).isEqualTo(200);

      sweeper.sweep();
      assertThat(blobs.exists(tokens.open(old).blobId())).isFalse();
      assertThat(blobs.exists(tokens.open(young).blobId())).isTrue();
    }
  }

  private String accessToken(CapsuleHttp http, String email) throws Exception {
    HttpResponse<String> token =
        http.postJson(
            "/api/v1/auth/token",
            "{\"email\":\""
                + email
                + "\",\"password\":\""
                + AccountsWebTestSupport.PASSWORD
                + "\"}");
    return json.readTree(token.body()).get("accessToken").asString();
  }

  private String create(CapsuleHttp http, byte[] content) throws Exception {
    HttpResponse<String> created = http.upload("file.bin", content);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode body = json.readTree(created.body());
    return body.get("jwe").asString();
  }

  private static void assertInvalidToken(CapsuleHttp http, String token) throws Exception {
    HttpResponse<byte[]> opened = http.open(CapsuleHttp.body(token));
    assertThat(opened.statusCode()).isEqualTo(400);
    assertThat(opened.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(new String(opened.body(), StandardCharsets.UTF_8))
        .contains("\"code\":\"invalid_token\"");
    HttpResponse<String> deleted = http.delete(CapsuleHttp.body(token));
    assertThat(deleted.statusCode()).isEqualTo(400);
    assertThat(deleted.body()).contains("\"code\":\"invalid_token\"");
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  private static String b64(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static int indexOf(byte[] haystack, byte[] needle) throws IOException {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
