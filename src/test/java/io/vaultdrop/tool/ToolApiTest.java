package io.vaultdrop.tool;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.config.VaultdropProperties;
import io.vaultdrop.objects.internal.ObjectSweeper;
import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.testsupport.DataFolder;
import io.vaultdrop.testsupport.MutableClock;
import io.vaultdrop.tool.ToolHttp.Multipart;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The encrypt tool's API over real HTTP: the seed's four scenarios, the zip, both algorithms and
 * key modes, damaged input, isolation, retention and what is left at rest.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(AccountsWebTestSupport.ClockConfig.class)
@TestPropertySource(
    properties = {"vaultdrop.scheduling.enabled=false", "vaultdrop.max-upload-size=1MB"})
class ToolApiTest extends AccountsWebTestSupport {

  @LocalServerPort int port;
  @Autowired AccountService accounts;
  @Autowired MutableClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired BlobStore blobs;
  @Autowired ObjectSweeper sweeper;
  @Autowired VaultdropProperties properties;

  ToolHttp http;
  String email;
  String token;

  @BeforeEach
  void user() throws Exception {
    http = new ToolHttp(port);
    email = uniqueEmail();
    accounts.createUser(email, PASSWORD, Role.MEMBER, null, null);
    token = http.token(email, PASSWORD);
  }

  // ------------------------------------------------------------------ seed scenario 1

  @Test
  void scenario1_encrypt_downloadEncAndKey_jobIsGone() throws Exception {
    byte[] original = content("scenario 1");
    JsonNode job = encrypt(token, "report.pdf", original, "CHACHA20_POLY1305", null);
    assertThat(job.get("name").asString()).isEqualTo("report.pdf");
    assertThat(job.get("algorithm").asString()).isEqualTo("CHACHA20_POLY1305");
    assertThat(job.get("size").asLong()).isEqualTo(original.length);
    assertThat(job.get("encryptedSize").asLong()).isGreaterThan(original.length);
    assertThat(job.get("encUrl").asString()).endsWith("/api/v1/encryptions/" + id(job) + "/enc");
    BlobId blob = blobOf(id(job));

    HttpResponse<byte[]> enc = http.get(job.get("encUrl").asString(), token);
    assertThat(enc.statusCode()).isEqualTo(200);
    assertThat(enc.headers().firstValue("Content-Disposition").orElseThrow())
        .contains("report.pdf.enc");
    assertThat(enc.body()).hasSize(job.get("encryptedSize").asInt());
    ToolHttp.eventually(() -> encDownloaded(id(job)));
    assertThat(jobExists(id(job))).isTrue();

    HttpResponse<byte[]> key = http.get(job.get("keyUrl").asString(), token);
    assertThat(key.statusCode()).isEqualTo(200);
    assertThat(key.headers().firstValue("Content-Disposition").orElseThrow())
        .contains("report.pdf.key");
    assertThat(new String(key.body(), StandardCharsets.UTF_8)).contains("AGE-SECRET-KEY-1");

    ToolHttp.eventually(() -> !jobExists(id(job)));
    ToolHttp.eventually(() -> !blobExists(blob));
    for (String part : List.of("enc", "key", "zip")) {
      assertThat(http.get("/api/v1/encryptions/" + id(job) + "/" + part, token).statusCode())
          .isEqualTo(404);
    }
    // The pair still decrypts: the downloads were complete.
    assertThat(roundTrip(enc.body(), key.body(), "report.pdf.enc")).isEqualTo(original);
  }

  // ------------------------------------------------------------------ seed scenario 2

  @Test
  void scenario2_onlyEncDownloaded_jobStays_thenRetentionDeletesIt() throws Exception {
    JsonNode job = encrypt(token, "photo.jpg", content("scenario 2"), null, null);
    BlobId blob = blobOf(id(job));
    assertThat(http.get(job.get("encUrl").asString(), token).statusCode()).isEqualTo(200);
    ToolHttp.eventually(() -> encDownloaded(id(job)));

    assertThat(jobExists(id(job))).isTrue();
    assertThat(keyDownloaded(id(job))).isFalse();
    clock.advance(Duration.ofMinutes(59));
    sweeper.sweep();
    assertThat(jobExists(id(job))).isTrue();

    clock.advance(Duration.ofMinutes(2));
    sweeper.sweep();
    assertThat(jobExists(id(job))).isFalse();
    ToolHttp.eventually(() -> !blobExists(blob));
    String fresh = http.token(email, PASSWORD);
    assertThat(http.get(job.get("keyUrl").asString(), fresh).statusCode()).isEqualTo(404);
  }

  @Test
  void expiredButNotYetSwept_isAlready404() throws Exception {
    JsonNode job = encrypt(token, "a.txt", content("expiry"), null, null);
    clock.advance(Duration.ofMinutes(61));
    String fresh = http.token(email, PASSWORD);
    assertThat(http.get(job.get("encUrl").asString(), fresh).statusCode()).isEqualTo(404);
  }

  // ------------------------------------------------------------------ seed scenario 3

  @Test
  void scenario3_decryptEncAndKey_downloadOriginal_jobIsGone() throws Exception {
    byte[] original = content("scenario 3");
    JsonNode job = encrypt(token, "file.txt", original, null, null);
    byte[] enc = http.get(job.get("encUrl").asString(), token).body();
    byte[] key = http.get(job.get("keyUrl").asString(), token).body();

    HttpResponse<String> created = decryptCall(token, enc, key, "file.txt.enc", true);
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode decryption = ToolHttp.json(created.body());
    assertThat(decryption.get("name").asString()).isEqualTo("file.txt");
    assertThat(decryption.get("size").asLong()).isEqualTo(original.length);
    String downloadUrl = decryption.get("downloadUrl").asString();
    assertThat(downloadUrl).endsWith("/api/v1/decryptions/" + id(decryption) + "/file");
    BlobId blob = blobOf(id(decryption));

    HttpResponse<byte[]> file = http.get(downloadUrl, token);
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.headers().firstValue("Content-Disposition").orElseThrow()).contains("file.txt");
    assertThat(file.body()).isEqualTo(original);
    ToolHttp.eventually(() -> !jobExists(id(decryption)));
    ToolHttp.eventually(() -> !blobExists(blob));
    assertThat(http.get(downloadUrl, token).statusCode()).isEqualTo(404);
  }

  /**
   * A HEAD (a download manager asking for the size first) uses up nothing: it is refused before the
   * handler runs, and the one-time original and the recorded-once downloads are all still there.
   */
  @Test
  void head_ofAnyDownload_is405_andUsesNothingUp() throws Exception {
    byte[] original = content("head first");
    JsonNode job = encrypt(token, "file.txt", original, null, null);
    for (String url : List.of(job.get("encUrl").asString(), job.get("keyUrl").asString())) {
      assertThat(http.head(url, token).statusCode()).as(url).isEqualTo(405);
    }
    assertThat(encDownloaded(id(job))).isFalse();
    assertThat(keyDownloaded(id(job))).isFalse();
    byte[] enc = http.get(job.get("encUrl").asString(), token).body();
    byte[] key = http.get(job.get("keyUrl").asString(), token).body();
    JsonNode decryption = ToolHttp.json(decryptCall(token, enc, key, "file.txt.enc", true).body());
    String downloadUrl = decryption.get("downloadUrl").asString();

    HttpResponse<byte[]> head = http.head(downloadUrl, token);
    assertThat(head.statusCode()).isEqualTo(405);
    assertThat(head.headers().firstValue("Allow")).hasValue("GET");
    HttpResponse<byte[]> file = http.get(downloadUrl, token);
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.body()).isEqualTo(original);
  }

  @Test
  void original_requestedTenTimesAtOnce_isServedExactlyOnce() throws Exception {
    byte[] original = content("served once " + System.nanoTime());
    JsonNode job = encrypt(token, "once.txt", original, null, null);
    byte[] enc = http.get(job.get("encUrl").asString(), token).body();
    byte[] key = http.get(job.get("keyUrl").asString(), token).body();
    HttpResponse<String> created = decryptCall(token, enc, key, "once.txt.enc", true);
    String downloadUrl = ToolHttp.json(created.body()).get("downloadUrl").asString();

    CountDownLatch start = new CountDownLatch(1);
    List<Future<HttpResponse<byte[]>>> answers = new ArrayList<>();
    try (var pool = Executors.newFixedThreadPool(10)) {
      for (int i = 0; i < 10; i++) {
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return http.get(downloadUrl, token);
                }));
      }
      start.countDown();
      int served = 0;
      for (var answer : answers) {
        HttpResponse<byte[]> response = answer.get();
        if (response.statusCode() == 200) {
          served++;
          assertThat(response.body()).isEqualTo(original);
        } else {
          assertThat(response.statusCode()).isEqualTo(404);
        }
      }
      assertThat(served).isEqualTo(1);
    }
  }

  @Test
  void decrypt_keyPartAfterTheFile_isAcceptedToo() throws Exception {
    byte[] original = content("key last");
    JsonNode job = encrypt(token, "k.bin", original, "AES_256_GCM", null);
    byte[] enc = http.get(job.get("encUrl").asString(), token).body();
    byte[] key = http.get(job.get("keyUrl").asString(), token).body();
    assertThat(roundTripKeyLast(enc, key)).isEqualTo(original);
  }

  // ------------------------------------------------------------------ seed scenario 4

  @Test
  void scenario4_twoUsers_eachSeesOnlyTheirOwnJobs() throws Exception {
    String otherEmail = uniqueEmail();
    accounts.createUser(otherEmail, PASSWORD, Role.MEMBER, null, null);
    String other = http.token(otherEmail, PASSWORD);

    JsonNode mine = encrypt(token, "mine.txt", content("user 1"), null, null);
    JsonNode theirs = encrypt(other, "theirs.txt", content("user 2"), null, null);
    assertThat(ownerOf(id(mine))).isNotEqualTo(ownerOf(id(theirs)));

    for (String part : List.of("enc", "key", "zip")) {
      assertThat(http.get("/api/v1/encryptions/" + id(theirs) + "/" + part, token).statusCode())
          .isEqualTo(404);
      assertThat(http.get("/api/v1/encryptions/" + id(mine) + "/" + part, other).statusCode())
          .isEqualTo(404);
    }
    byte[] enc = http.get(mine.get("encUrl").asString(), token).body();
    byte[] key = http.get(mine.get("keyUrl").asString(), token).body();
    JsonNode decryption = ToolHttp.json(decryptCall(token, enc, key, "mine.txt.enc", true).body());
    assertThat(http.get(decryption.get("downloadUrl").asString(), other).statusCode())
        .isEqualTo(404);

    // The 404 for someone else's job is the same as for a job that never existed.
    HttpResponse<byte[]> foreign = http.get("/api/v1/encryptions/" + id(theirs) + "/enc", token);
    HttpResponse<byte[]> missing =
        http.get("/api/v1/encryptions/" + "A".repeat(43) + "/enc", token);
    assertThat(withoutCorrelation(foreign.body())).isEqualTo(withoutCorrelation(missing.body()));

    // None of that counted as a download: the other user's job is untouched.
    assertThat(encDownloaded(id(theirs))).isFalse();
    assertThat(keyDownloaded(id(theirs))).isFalse();
    assertThat(http.get(theirs.get("zipUrl").asString(), other).statusCode()).isEqualTo(200);
  }

  // ------------------------------------------------------------------ zip

  @Test
  void zip_containsBoth_andCountsAsBoth() throws Exception {
    byte[] original = content("zip");
    JsonNode job = encrypt(token, "both.txt", original, "AES_256_GCM", null);
    HttpResponse<byte[]> zip = http.get(job.get("zipUrl").asString(), token);
    assertThat(zip.statusCode()).isEqualTo(200);
    assertThat(zip.headers().firstValue("Content-Disposition").orElseThrow())
        .contains("both.txt.zip");
    assertThat(zip.headers().firstValue("Content-Type")).hasValue("application/zip");
    Map<String, byte[]> entries = unzip(zip.body());
    assertThat(entries).containsOnlyKeys("both.txt.enc", "both.txt.key");
    assertThat(entries.get("both.txt.enc")).hasSize(job.get("encryptedSize").asInt());
    ToolHttp.eventually(() -> !jobExists(id(job)));
    assertThat(roundTrip(entries.get("both.txt.enc"), entries.get("both.txt.key"), "both.enc"))
        .isEqualTo(original);
  }

  // ------------------------------------------------------------------ algorithms and key modes

  @Test
  void aesPortable_keyFileIsSelfDescribing_andRoundTrips() throws Exception {
    byte[] original = content("aes portable");
    JsonNode job = encrypt(token, "aes.bin", original, "AES_256_GCM", "PORTABLE");
    assertThat(job.get("algorithm").asString()).isEqualTo("AES_256_GCM");
    byte[] enc = http.get(job.get("encUrl").asString(), token).body();
    String key = new String(http.get(job.get("keyUrl").asString(), token).body());
    assertThat(key)
        .startsWith("vaultdrop-key v1\n")
        .contains("algorithm: AES_256_GCM\n")
        .containsPattern("key-id: tool-[0-9a-f]{16}\n")
        .containsPattern("key: [A-Za-z0-9+/]{43}=\n");
    assertThat(new String(enc, 0, 4, StandardCharsets.ISO_8859_1)).isNotEqualTo("age-");
    assertThat(roundTrip(enc, key.getBytes(StandardCharsets.UTF_8), "aes.bin.enc"))
        .isEqualTo(original);
  }

  @Test
  void serverBound_bothAlgorithms_roundTrip_andTheKeyHidesThePortableKey() throws Exception {
    for (String algorithm : List.of("AES_256_GCM", "CHACHA20_POLY1305")) {
      byte[] original = content("server bound " + algorithm);
      JsonNode job = encrypt(token, "sb.bin", original, algorithm, "SERVER_BOUND");
      byte[] enc = http.get(job.get("encUrl").asString(), token).body();
      String key = new String(http.get(job.get("keyUrl").asString(), token).body());
      assertThat(key).startsWith("vaultdrop-sealed-key v1\n");
      assertThat(key).doesNotContain("AGE-SECRET-KEY").doesNotContain("key: ");
      assertThat(roundTrip(enc, key.getBytes(StandardCharsets.UTF_8), "sb.bin.enc"))
          .isEqualTo(original);
    }
  }

  @Test
  void serverBoundKey_editedByOneByte_is422() throws Exception {
    JsonNode job = encrypt(token, "sb.bin", content("sealed"), "AES_256_GCM", "SERVER_BOUND");
    byte[] enc = http.get(job.get("encUrl").asString(), token).body();
    String key = new String(http.get(job.get("keyUrl").asString(), token).body());
    String header = "vaultdrop-sealed-key v1\n";
    char[] body = key.substring(header.length()).toCharArray();
    body[40] = body[40] == 'A' ? 'B' : 'A';
    assertDecryptionFailed(
        decryptCall(token, enc, (header + new String(body)).getBytes(), "sb.bin.enc", true));
  }

  // ------------------------------------------------------------------ damaged input

  @Test
  void wrongKey_truncated_andBitFlipped_are422_beforeAnyPlaintext() throws Exception {
    for (String algorithm : List.of("CHACHA20_POLY1305", "AES_256_GCM")) {
      byte[] original = content("damage " + algorithm + " ").clone();
      JsonNode job = encrypt(token, "d.bin", original, algorithm, null);
      byte[] enc = http.get(job.get("encUrl").asString(), token).body();
      byte[] key = http.get(job.get("keyUrl").asString(), token).body();
      JsonNode otherJob = encrypt(token, "o.bin", content("other"), algorithm, null);
      byte[] otherKey = http.get(otherJob.get("keyUrl").asString(), token).body();

      assertDecryptionFailed(decryptCall(token, enc, otherKey, "d.bin.enc", true));
      assertDecryptionFailed(
          decryptCall(token, Arrays.copyOf(enc, enc.length - 7), key, "d.bin.enc", true));
      for (int position : new int[] {enc.length / 2, enc.length - 3}) {
        byte[] flipped = enc.clone();
        flipped[position] ^= 0x01;
        assertDecryptionFailed(decryptCall(token, flipped, key, "d.bin.enc", true));
      }
      assertDecryptionFailed(
          decryptCall(token, enc, "not a key at all".getBytes(), "d.bin.enc", true));
      assertThat(decryptionJobs()).isZero();
      // The intact pair still works.
      assertThat(roundTrip(enc, key, "d.bin.enc")).isEqualTo(original);
    }
  }

  // ------------------------------------------------------------------ request validation

  @Test
  void unsupportedAlgorithm_is400_andLeavesNothing() throws Exception {
    long before = blobCount();
    HttpResponse<String> response =
        http.post(
            "/api/v1/encryptions",
            token,
            new Multipart().field("algorithm", "DES").file("file", "a.txt", content("x")));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(ToolHttp.json(response.body()).get("code").asString())
        .isEqualTo("unsupported_algorithm");
    assertThat(blobCount()).isEqualTo(before);
    assertThat(jobsOf(token)).isZero();
  }

  @Test
  void fieldsAfterTheFile_areRejectedClearly_andLeaveNothing() throws Exception {
    long before = blobCount();
    HttpResponse<String> response =
        http.post(
            "/api/v1/encryptions",
            token,
            new Multipart().file("file", "a.txt", content("x")).field("algorithm", "AES_256_GCM"));
    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode problem = ToolHttp.json(response.body());
    assertThat(problem.get("detail").asString()).contains("before the file part");
    assertThat(blobCount()).isEqualTo(before);
    assertThat(jobsOf(token)).isZero();
  }

  @Test
  void aSecondFilePart_afterTheStoredOne_is400_andLeavesNoBlob() throws Exception {
    long before = blobCount();
    HttpResponse<String> encrypt =
        http.post(
            "/api/v1/encryptions",
            token,
            new Multipart()
                .file("file", "a.txt", content("a"))
                .file("file", "b.txt", content("b")));
    assertThat(encrypt.statusCode()).isEqualTo(400);
    HttpResponse<String> decrypt =
        http.post(
            "/api/v1/decryptions",
            token,
            new Multipart().file("enc", "a.enc", content("a")).file("enc", "b.enc", content("b")));
    assertThat(decrypt.statusCode()).isEqualTo(400);
    assertThat(blobCount()).isEqualTo(before);
    assertThat(jobsOf(token)).isZero();
  }

  @Test
  void tooLargeUpload_is413_andLeavesNothing() throws Exception {
    long before = blobCount();
    byte[] big = new byte[(int) (1024 * 1024 + 1)];
    HttpResponse<String> encrypt =
        http.post("/api/v1/encryptions", token, new Multipart().file("file", "big.bin", big));
    assertThat(encrypt.statusCode()).isEqualTo(413);
    HttpResponse<String> decrypt =
        http.post(
            "/api/v1/decryptions",
            token,
            new Multipart().field("key", "AGE-SECRET-KEY-1X").file("enc", "big.enc", big));
    assertThat(decrypt.statusCode()).isEqualTo(413);
    assertThat(blobCount()).isEqualTo(before);
    assertThat(jobsOf(token)).isZero();
  }

  @Test
  void uploads_areRateLimitedPerUser() throws Exception {
    int created = 0;
    HttpResponse<String> response;
    do {
      response =
          http.post(
              "/api/v1/encryptions", token, new Multipart().file("file", "r.txt", new byte[] {7}));
      if (response.statusCode() == 201) {
        created++;
      }
    } while (response.statusCode() == 201 && created <= 30);
    assertThat(created).isEqualTo(30);
    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
    String otherEmail = uniqueEmail();
    accounts.createUser(otherEmail, PASSWORD, Role.MEMBER, null, null);
    assertThat(
            http.post(
                    "/api/v1/encryptions",
                    http.token(otherEmail, PASSWORD),
                    new Multipart().file("file", "r.txt", new byte[] {7}))
                .statusCode())
        .isEqualTo(201);
  }

  @Test
  void badKeyMode_is400_andDecryptWithoutKey_is400() throws Exception {
    assertThat(
            http.post(
                    "/api/v1/encryptions",
                    token,
                    new Multipart().field("keyMode", "NONE").file("file", "a", content("x")))
                .statusCode())
        .isEqualTo(400);
    assertThat(
            http.post(
                    "/api/v1/decryptions",
                    token,
                    new Multipart().file("enc", "a.enc", content("x")))
                .statusCode())
        .isEqualTo(400);
    assertThat(jobsOf(token)).isZero();
  }

  @Test
  void anonymous_is401_everywhere() throws Exception {
    assertThat(
            http.post("/api/v1/encryptions", null, new Multipart().file("file", "a", new byte[1]))
                .statusCode())
        .isEqualTo(401);
    assertThat(http.get("/api/v1/encryptions/" + "A".repeat(43) + "/enc", null).statusCode())
        .isEqualTo(401);
    assertThat(http.get("/api/v1/decryptions/" + "A".repeat(43) + "/file", null).statusCode())
        .isEqualTo(401);
  }

  // ------------------------------------------------------------------ at rest

  @Test
  void noPlaintextOrKeyAtRest_afterEncryptAndAfterDecrypt() throws Exception {
    String marker = "PLAINTEXT-MARKER-" + UUID.randomUUID();
    byte[] original = (marker + "\n").repeat(2000).getBytes(StandardCharsets.UTF_8);
    JsonNode job = encrypt(token, "secret.txt", original, "AES_256_GCM", null);
    assertThat(dataDirContains(marker)).isFalse();
    String keyLine = null;
    byte[] enc = http.get(job.get("encUrl").asString(), token).body();
    byte[] key = http.get(job.get("keyUrl").asString(), token).body();
    for (String line : new String(key).split("\n")) {
      if (line.startsWith("key: ")) {
        keyLine = line.substring(5);
      }
    }
    assertThat(keyLine).isNotNull();

    JsonNode decryption =
        ToolHttp.json(decryptCall(token, enc, key, "secret.txt.enc", true).body());
    assertThat(dataDirContains(marker)).isFalse();
    assertThat(dataDirContains(keyLine)).isFalse();
    byte[] sealed =
        jdbc.sql("SELECT sealed_key FROM tool_jobs WHERE id = ?")
            .param(id(decryption))
            .query((rs, n) -> rs.getBytes(1))
            .single();
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(keyLine);
    assertThat(http.get(decryption.get("downloadUrl").asString(), token).body())
        .isEqualTo(original);
    assertThat(dataDirContains(marker)).isFalse();
  }

  // ------------------------------------------------------------------ account deletion

  @Test
  void accountDeletion_deletesThatUsersJobs() throws Exception {
    JsonNode job = encrypt(token, "gone.txt", content("account"), null, null);
    BlobId blob = blobOf(id(job));
    String userId = ownerOf(id(job));
    accounts.deleteUser(userId, null, null);
    assertThat(jobExists(id(job))).isFalse();
    ToolHttp.eventually(() -> !blobExists(blob));
  }

  // ------------------------------------------------------------------ helpers

  private JsonNode encrypt(
      String bearer, String name, byte[] content, String algorithm, String keyMode)
      throws Exception {
    Multipart body = new Multipart();
    if (algorithm != null) {
      body.field("algorithm", algorithm);
    }
    if (keyMode != null) {
      body.field("keyMode", keyMode);
    }
    HttpResponse<String> response =
        http.post("/api/v1/encryptions", bearer, body.file("file", name, content));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return ToolHttp.json(response.body());
  }

  private HttpResponse<String> decryptCall(
      String bearer, byte[] enc, byte[] key, String encName, boolean keyFirst) throws Exception {
    Multipart body = new Multipart();
    if (keyFirst) {
      body.file("key", "x.key", key).file("enc", encName, enc);
    } else {
      body.file("enc", encName, enc).file("key", "x.key", key);
    }
    return http.post("/api/v1/decryptions", bearer, body);
  }

  private byte[] roundTrip(byte[] enc, byte[] key, String encName) throws Exception {
    HttpResponse<String> created = decryptCall(token, enc, key, encName, true);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    HttpResponse<byte[]> file =
        http.get(ToolHttp.json(created.body()).get("downloadUrl").asString(), token);
    assertThat(file.statusCode()).isEqualTo(200);
    return file.body();
  }

  private byte[] roundTripKeyLast(byte[] enc, byte[] key) throws Exception {
    HttpResponse<String> created = decryptCall(token, enc, key, "k.bin.enc", false);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return http.get(ToolHttp.json(created.body()).get("downloadUrl").asString(), token).body();
  }

  private static void assertDecryptionFailed(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(ToolHttp.json(response.body()).get("code").asString())
        .isEqualTo("decryption_failed");
  }

  static byte[] content(String seed) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      text.append(seed).append(' ').append(i).append('\n');
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String id(JsonNode node) {
    return node.get("id").asString();
  }

  private boolean jobExists(String id) {
    return jdbc.sql("SELECT COUNT(*) FROM tool_jobs WHERE id = ?")
            .param(id)
            .query(Long.class)
            .single()
        == 1;
  }

  private boolean encDownloaded(String id) {
    return flag(id, "enc_downloaded");
  }

  private boolean keyDownloaded(String id) {
    return flag(id, "key_downloaded");
  }

  private boolean flag(String id, String column) {
    return jdbc.sql("SELECT " + column + " FROM tool_jobs WHERE id = ?")
        .param(id)
        .query(Boolean.class)
        .optional()
        .orElse(false);
  }

  private BlobId blobOf(String id) throws IOException {
    BlobId blob =
        BlobId.parse(
            jdbc.sql("SELECT blob_id FROM tool_jobs WHERE id = ?")
                .param(id)
                .query(String.class)
                .single());
    assertThat(blobs.exists(blob)).isTrue();
    return blob;
  }

  private String ownerOf(String id) {
    return jdbc.sql("SELECT owner_id FROM tool_jobs WHERE id = ?")
        .param(id)
        .query(String.class)
        .single();
  }

  private String myId() {
    return accounts.list().stream()
        .filter(a -> a.email().equals(email))
        .findFirst()
        .orElseThrow()
        .id();
  }

  private long jobsOf(String bearer) {
    return jdbc.sql("SELECT COUNT(*) FROM tool_jobs WHERE owner_id = ?")
        .param(myId())
        .query(Long.class)
        .single();
  }

  private long decryptionJobs() {
    return jdbc.sql("SELECT COUNT(*) FROM tool_jobs WHERE kind = 'DECRYPT' AND owner_id = ?")
        .param(myId())
        .query(Long.class)
        .single();
  }

  private long blobCount() throws IOException {
    try (Stream<Path> files = Files.walk(properties.dataDir())) {
      return files.filter(Files::isRegularFile).count();
    }
  }

  private boolean dataDirContains(String text) throws IOException {
    return DataFolder.contains(properties.dataDir(), text.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
    Map<String, byte[]> entries = new HashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        entries.put(entry.getName(), in.readAllBytes());
      }
    }
    return entries;
  }

  private static String withoutCorrelation(byte[] problem) {
    return new String(problem, StandardCharsets.UTF_8)
        .replaceAll("\"correlationId\":\"[^\"]*\",?", "")
        .replaceAll("\"instance\":\"[^\"]*\",?", "");
  }

  /** The job row is deleted first, its blob right after: wait for the blob, not just the row. */
  private boolean blobExists(BlobId blob) {
    try {
      return blobs.exists(blob);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
