package io.vaultdrop.uploads;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.library.internal.ooxml.OoxmlSamples;
import io.vaultdrop.objects.internal.ObjectSweeper;
import io.vaultdrop.storage.BlobInfo;
import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.testsupport.DataFolder;
import io.vaultdrop.testsupport.MutableClock;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The tus 1.0 endpoint over real HTTP on H2 (API.md "Resumable uploads"): every status of the
 * contract, offsets, chunking, expiry, termination, privacy, and finished uploads turned into each
 * feature's object exactly once.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "vaultdrop.scheduling.enabled=false",
      "vaultdrop.max-upload-size=4MB",
      "vaultdrop.shares.anonymous-max-size=1MB",
      "vaultdrop.uploads.chunk-size=64KB",
      "vaultdrop.uploads.expiry=PT2H",
      "vaultdrop.uploads.anonymous-creates-per-hour=10000",
      "vaultdrop.uploads.creates-per-hour=10000",
      "vaultdrop.shares.rate-limits.anonymous-creates-per-hour=10000",
      "vaultdrop.shares.rate-limits.downloads-per-minute=10000"
    })
@Import(AccountsWebTestSupport.ClockConfig.class)
class TusProtocolTest extends AccountsWebTestSupport {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int CHUNK = 64 * 1024;

  @LocalServerPort int port;
  @Autowired MutableClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired BlobStore blobs;
  @Autowired ObjectSweeper sweeper;
  @Autowired AccountService accounts;

  TusHttp http;

  @BeforeEach
  void client() {
    http = new TusHttp(port);
  }

  static byte[] random(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  String member() throws Exception {
    String email = uniqueEmail();
    accounts.createUser(email, PASSWORD, Role.MEMBER, null, null);
    return http.token(email, PASSWORD);
  }

  int uploadRows() {
    return jdbc.sql("SELECT COUNT(*) FROM uploads").query(Integer.class).single();
  }

  int liveUploadObjects() {
    return jdbc.sql(
            "SELECT COUNT(*) FROM stored_objects WHERE feature = 'uploads' AND state <> 'DELETING'")
        .query(Integer.class)
        .single();
  }

  // ---- discovery and creation ------------------------------------------------------------

  @Test
  void options_announcesVersionExtensionsAndMaxSize() throws Exception {
    HttpResponse<String> response =
        http.send(
            http.request("/api/v1/uploads", null)
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.headers().firstValue("Tus-Resumable")).contains("1.0.0");
    assertThat(response.headers().firstValue("Tus-Version").orElseThrow()).contains("1.0.0");
    assertThat(response.headers().firstValue("Tus-Extension").orElseThrow())
        .contains("creation", "creation-with-upload", "termination", "expiration");
    // Anonymous: the larger of the anonymous share (1 MB) and capsule limits.
    assertThat(Long.parseLong(response.headers().firstValue("Tus-Max-Size").orElseThrow()))
        .isPositive()
        .isLessThanOrEqualTo(4L * 1024 * 1024);
  }

  @Test
  void create_withoutTusResumable_is412WithTusVersion() throws Exception {
    HttpResponse<String> response =
        http.send(
            http.request("/api/v1/uploads", null)
                .header("Upload-Length", "10")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(response.statusCode()).isEqualTo(412);
    assertThat(response.headers().firstValue("Tus-Version")).contains("1.0.0");
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(http.json(response.body()).get("code").asString()).isEqualTo("unsupported_version");
  }

  @Test
  void create_overTheCallersLimit_is413_beforeAnythingIsStored() throws Exception {
    int before = uploadRows();
    HttpResponse<String> anonymous = http.create(4L * 1024 * 1024 + 1, "big.bin", null);
    assertThat(anonymous.statusCode()).isEqualTo(413);
    assertThat(http.json(anonymous.body()).get("code").asString()).isEqualTo("too_large");
    // A member may upload up to VAULTDROP_MAX_UPLOAD_SIZE, but no more.
    String bearer = member();
    assertThat(http.create(4L * 1024 * 1024, "ok.bin", bearer).statusCode()).isEqualTo(201);
    assertThat(http.create(4L * 1024 * 1024 + 1, "big.bin", bearer).statusCode()).isEqualTo(413);
    assertThat(uploadRows()).isEqualTo(before + 1);
  }

  @Test
  void create_validatesLengthAndMetadata() throws Exception {
    for (String length : List.of("", "-1", "abc", "1e3", "99999999999999999999")) {
      var request =
          http.request("/api/v1/uploads", null)
              .header("Tus-Resumable", "1.0.0")
              .POST(java.net.http.HttpRequest.BodyPublishers.noBody());
      if (!length.isEmpty()) {
        request.header("Upload-Length", length);
      }
      assertThat(http.send(request.build()).statusCode()).as(length).isEqualTo(400);
    }
    HttpResponse<String> badMetadata =
        http.send(
            http.request("/api/v1/uploads", null)
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", "3")
                .header("Upload-Metadata", "filename not*base64!")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(badMetadata.statusCode()).isEqualTo(400);
    HttpResponse<String> unknownTarget =
        http.send(
            http.request("/api/v1/uploads", null)
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", "3")
                .header("Upload-Metadata", "target Zm9v")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(unknownTarget.statusCode()).isEqualTo(400);
  }

  @Test
  void create_forATargetTheCallerMayNotUse_isRefused() throws Exception {
    // Anonymous callers have no vault; members may not publish to the library.
    String files = "target " + base64("files");
    HttpResponse<String> anonymous =
        http.send(
            http.request("/api/v1/uploads", null)
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", "3")
                .header("Upload-Metadata", files)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    HttpResponse<String> member =
        http.send(
            http.request("/api/v1/uploads", member())
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", "3")
                .header("Upload-Metadata", "target " + base64("library"))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(member.statusCode()).isEqualTo(403);
  }

  static String base64(String text) {
    return java.util.Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  // ---- offsets ------------------------------------------------------------------------------

  @Test
  void patch_inPieces_reportsDurableOffsets_andRefusesWrongOffsetsTypesAndOverruns()
      throws Exception {
    byte[] content = random(3 * CHUNK + 1234);
    HttpResponse<String> created = http.create(content.length, "pieces.bin", null);
    assertThat(created.statusCode()).isEqualTo(201);
    String location = created.headers().firstValue("Location").orElseThrow();
    assertThat(location).matches("/api/v1/uploads/[A-Za-z0-9_-]{43}");
    assertThat(created.headers().firstValue("Upload-Expires").orElseThrow()).endsWith(" GMT");

    HttpResponse<String> head = http.head(location, null);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Upload-Offset")).contains("0");
    assertThat(head.headers().firstValue("Upload-Length"))
        .contains(Integer.toString(content.length));
    assertThat(head.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(head.headers().firstValue("Tus-Resumable")).contains("1.0.0");

    int first = CHUNK + 100; // spans two chunks
    HttpResponse<String> patched =
        http.patch(location, 0, Arrays.copyOfRange(content, 0, first), null);
    assertThat(patched.statusCode()).isEqualTo(204);
    assertThat(patched.headers().firstValue("Upload-Offset")).contains(Integer.toString(first));
    assertThat(http.offset(location, null)).isEqualTo(first);

    // A stale offset (a retry of the first PATCH) is a 409 and stores nothing.
    HttpResponse<String> stale = http.patch(location, 0, Arrays.copyOfRange(content, 0, 10), null);
    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(http.json(stale.body()).get("code").asString()).isEqualTo("offset_mismatch");
    assertThat(http.offset(location, null)).isEqualTo(first);

    HttpResponse<String> wrongType =
        http.send(
            http.request(location, null)
                .header("Tus-Resumable", "1.0.0")
                .header("Content-Type", "application/octet-stream")
                .header("Upload-Offset", Integer.toString(first))
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofByteArray(new byte[5]))
                .build());
    assertThat(wrongType.statusCode()).isEqualTo(415);

    // The rest plus 7 bytes too many: the bytes up to Upload-Length are kept, then 413.
    byte[] overrun =
        Arrays.copyOf(
            Arrays.copyOfRange(content, first, content.length), content.length - first + 7);
    HttpResponse<String> tooLong = http.patch(location, first, overrun, null);
    assertThat(tooLong.statusCode()).isEqualTo(413);
    assertThat(http.offset(location, null)).isEqualTo(content.length);

    int chunks =
        jdbc.sql(
                "SELECT COUNT(*) FROM upload_chunks c JOIN uploads u ON u.upload_key = c.upload_key"
                    + " WHERE u.total_bytes = ? AND u.file_name = 'pieces.bin'")
            .param(content.length)
            .query(Integer.class)
            .single();
    assertThat(chunks).isGreaterThanOrEqualTo(4);

    // Turned into a share, the content is byte-identical.
    assertThat(downloadAsShare(TusHttp.idOf(location), null)).isEqualTo(content);
  }

  @Test
  void creationWithUpload_storesTheFirstBytesWithTheCreate() throws Exception {
    byte[] content = random(5000);
    HttpResponse<String> response =
        http.send(
            http.request("/api/v1/uploads", null)
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", Integer.toString(content.length))
                .header("Upload-Metadata", TusHttp.metadata("direct.bin"))
                .header("Content-Type", TusHttp.OFFSET_STREAM)
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofByteArray(
                        Arrays.copyOf(content, 3000)))
                .build());
    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.headers().firstValue("Upload-Offset")).contains("3000");
    String location = response.headers().firstValue("Location").orElseThrow();
    assertThat(
            http.patch(location, 3000, Arrays.copyOfRange(content, 3000, content.length), null)
                .statusCode())
        .isEqualTo(204);
    assertThat(downloadAsShare(TusHttp.idOf(location), null)).isEqualTo(content);
  }

  // ---- privacy, termination, expiry ---------------------------------------------------------

  @Test
  void anAccountsUpload_isInvisibleToEveryoneElse() throws Exception {
    String owner = member();
    String other = member();
    byte[] content = random(1000);
    String location = http.start(content.length, "mine.bin", owner);
    for (String stranger : new String[] {other, null}) {
      assertThat(http.head(location, stranger).statusCode()).isEqualTo(404);
      assertThat(http.patch(location, 0, content, stranger).statusCode()).isEqualTo(404);
      assertThat(http.delete(location, stranger).statusCode()).isEqualTo(404);
    }
    assertThat(http.patch(location, 0, content, owner).statusCode()).isEqualTo(204);
    String id = TusHttp.idOf(location);
    assertThat(http.postJson("/api/v1/files", "{\"uploadId\":\"" + id + "\"}", other).statusCode())
        .isEqualTo(404);
    assertThat(http.postJson("/api/v1/shares", "{\"uploadId\":\"" + id + "\"}", null).statusCode())
        .isEqualTo(404);
    // Still there for its owner.
    assertThat(http.offset(location, owner)).isEqualTo(content.length);
  }

  @Test
  void delete_removesTheUploadAndItsStoredBytes() throws Exception {
    int objectsBefore = liveUploadObjects();
    byte[] content = random(2 * CHUNK + 10);
    String location = http.start(content.length, "gone.bin", null);
    http.patch(location, 0, content, null);
    assertThat(liveUploadObjects()).isEqualTo(objectsBefore + 3);
    HttpResponse<String> deleted = http.delete(location, null);
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(deleted.headers().firstValue("Tus-Resumable")).contains("1.0.0");
    assertThat(http.head(location, null).statusCode()).isEqualTo(404);
    assertThat(http.delete(location, null).statusCode()).isEqualTo(404);
    assertThat(liveUploadObjects()).isEqualTo(objectsBefore);
  }

  @Test
  void unfinishedUploads_expire_andAreSwept() throws Exception {
    String location = http.start(3 * CHUNK, "stale.bin", null);
    http.patch(location, 0, random(CHUNK + 5), null);
    assertThat(http.offset(location, null)).isEqualTo(CHUNK + 5);
    String key =
        jdbc.sql("SELECT upload_key FROM uploads WHERE file_name = 'stale.bin'")
            .query(String.class)
            .single();
    List<String> chunkBlobs =
        jdbc.sql("SELECT blob_id FROM upload_chunks WHERE upload_key = ?")
            .param(key)
            .query(String.class)
            .list();
    assertThat(chunkBlobs).hasSize(2);

    clock.advance(Duration.ofHours(2).plusSeconds(1));
    try {
      assertThat(http.head(location, null).statusCode()).isEqualTo(404);
      sweeper.sweep();
    } finally {
      clock.advance(Duration.ofHours(-2).minusSeconds(1));
    }
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM uploads WHERE upload_key = ?")
                .param(key)
                .query(Integer.class)
                .single())
        .isZero();
    for (String blob : chunkBlobs) {
      assertThat(blobs.exists(io.vaultdrop.storage.BlobId.parse(blob))).isFalse();
    }
  }

  // ---- finished uploads become objects, exactly once ---------------------------------------

  @Test
  void aFinishedUpload_makesOneShare_andOnlyOne() throws Exception {
    byte[] content = random(2 * CHUNK + 77);
    String id = http.upload(content, "report.pdf", null);
    HttpResponse<String> created =
        http.postJson(
            "/api/v1/shares",
            "{\"uploadId\":\"" + id + "\",\"maxDownloads\":2,\"expiresIn\":3600}",
            null);
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode share = http.json(created.body());
    assertThat(share.get("name").asString()).isEqualTo("report.pdf");
    assertThat(share.get("size").asLong()).isEqualTo(content.length);
    assertThat(share.get("maxDownloads").asInt()).isEqualTo(2);

    // Used once: the upload and its chunks are gone.
    HttpResponse<String> again =
        http.postJson("/api/v1/shares", "{\"uploadId\":\"" + id + "\"}", null);
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(http.head("/api/v1/uploads/" + id, null).statusCode()).isEqualTo(404);

    HttpResponse<byte[]> download =
        http.postForBytes(
            "/api/v1/shares/" + share.get("token").asString() + "/download", "{}", null);
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(content);
  }

  @Test
  void anUnfinishedUpload_cannotBeUsed_andABadOption_keepsTheUpload() throws Exception {
    String location = http.start(100, "half.bin", null);
    http.patch(location, 0, random(50), null);
    String id = TusHttp.idOf(location);
    HttpResponse<String> unfinished =
        http.postJson("/api/v1/shares", "{\"uploadId\":\"" + id + "\"}", null);
    assertThat(unfinished.statusCode()).isEqualTo(409);
    assertThat(http.json(unfinished.body()).get("code").asString()).isEqualTo("upload_unfinished");

    http.patch(location, 50, random(50), null);
    HttpResponse<String> badOption =
        http.postJson("/api/v1/shares", "{\"uploadId\":\"" + id + "\",\"maxDownloads\":0}", null);
    assertThat(badOption.statusCode()).isEqualTo(400);
    // The upload survived the refused call and can be used with a valid one.
    assertThat(http.offset(location, null)).isEqualTo(100);
    assertThat(http.postJson("/api/v1/shares", "{\"uploadId\":\"" + id + "\"}", null).statusCode())
        .isEqualTo(201);
    assertThat(http.postJson("/api/v1/shares", "{\"uploadId\":\"nope\"}", null).statusCode())
        .isEqualTo(404);
  }

  @Test
  void aFinishedUpload_becomesACapsuleAVaultFileAnEncryptJobAndALibraryDocument() throws Exception {
    String bearer = member();
    byte[] content = random(CHUNK + 999);

    // Capsule (anonymous)
    String capsuleUpload = http.upload(content, "capsule.bin", null);
    HttpResponse<String> capsule =
        http.postJson("/api/v1/capsules", "{\"uploadId\":\"" + capsuleUpload + "\"}", null);
    assertThat(capsule.statusCode()).isEqualTo(201);
    String jwe = http.json(capsule.body()).get("jwe").asString();
    HttpResponse<byte[]> opened =
        http.postForBytes("/api/v1/capsules/open", "{\"jwe\":\"" + jwe + "\"}", null);
    assertThat(opened.body()).isEqualTo(content);

    // Vault file
    String vaultUpload = http.upload(content, "vault.bin", bearer);
    HttpResponse<String> file =
        http.postJson("/api/v1/files", "{\"uploadId\":\"" + vaultUpload + "\"}", bearer);
    assertThat(file.statusCode()).isEqualTo(201);
    String fileId = http.json(file.body()).get("id").asString();
    assertThat(http.get("/api/v1/files/" + fileId + "/content", bearer).body()).isEqualTo(content);

    // Encrypt job, with its options as JSON members
    String toolUpload = http.upload(content, "secret.txt", bearer);
    HttpResponse<String> job =
        http.postJson(
            "/api/v1/encryptions",
            "{\"uploadId\":\"" + toolUpload + "\",\"algorithm\":\"AES_256_GCM\"}",
            bearer);
    assertThat(job.statusCode()).isEqualTo(201);
    assertThat(http.json(job.body()).get("algorithm").asString()).isEqualTo("AES_256_GCM");
    assertThat(http.json(job.body()).get("size").asLong()).isEqualTo(content.length);

    // Library: an operator's document; a file that is not one is refused and discarded.
    String operatorEmail = uniqueEmail();
    accounts.createUser(operatorEmail, PASSWORD, Role.OPERATOR, null, null);
    String operator = http.token(operatorEmail, PASSWORD);
    byte[] docx = OoxmlSamples.docx("from tus").bytes();
    String docUpload = http.upload(docx, "Plan.docx", operator);
    HttpResponse<String> document =
        http.postJson("/api/v1/library", "{\"uploadId\":\"" + docUpload + "\"}", operator);
    assertThat(document.statusCode()).isEqualTo(201);
    assertThat(http.json(document.body()).get("size").asLong()).isEqualTo(docx.length);

    String notOffice = http.upload(content, "fake.docx", operator);
    HttpResponse<String> refused =
        http.postJson("/api/v1/library", "{\"uploadId\":\"" + notOffice + "\"}", operator);
    assertThat(refused.statusCode()).isEqualTo(415);
    assertThat(http.head("/api/v1/uploads/" + notOffice, operator).statusCode()).isEqualTo(404);
  }

  @Test
  void severalFinishedUploads_makeOneShareOfSeveralFiles() throws Exception {
    byte[] first = random(CHUNK + 10);
    byte[] second = random(3000);
    String a = http.upload(first, "a.bin", null);
    String b = http.upload(second, "b.txt", null);
    HttpResponse<String> created =
        http.postJson(
            "/api/v1/shares",
            "{\"uploadIds\":[\"" + a + "\",\"" + b + "\"],\"maxDownloads\":2}",
            null);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode share = http.json(created.body());
    assertThat(share.get("size").asLong()).isEqualTo(first.length + second.length);
    assertThat(share.get("files")).hasSize(2);
    assertThat(share.get("files").get(1).get("name").asString()).isEqualTo("b.txt");
    String token = share.get("token").asString();

    HttpResponse<byte[]> one =
        http.postForBytes("/api/v1/shares/" + token + "/download?file=1", "{}", null);
    assertThat(one.body()).isEqualTo(second);
    HttpResponse<byte[]> zip =
        http.postForBytes("/api/v1/shares/" + token + "/download", "{}", null);
    assertThat(zip.headers().firstValue("Content-Type")).contains("application/zip");
    try (var entries =
        new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip.body()))) {
      assertThat(entries.getNextEntry().getName()).isEqualTo("a.bin");
      assertThat(entries.readAllBytes()).isEqualTo(first);
      assertThat(entries.getNextEntry().getName()).isEqualTo("b.txt");
      assertThat(entries.readAllBytes()).isEqualTo(second);
      assertThat(entries.getNextEntry()).isNull();
    }
    // Both uploads were used.
    assertThat(http.head("/api/v1/uploads/" + a, null).statusCode()).isEqualTo(404);
    assertThat(http.head("/api/v1/uploads/" + b, null).statusCode()).isEqualTo(404);
  }

  @Test
  void aCreateCallOverTheFileLimit_isRefused_andKeepsTheUploads() throws Exception {
    String a = http.upload(random(10), "a.bin", null);
    String b = http.upload(random(10), "b.bin", null);
    // A capsule holds one file.
    HttpResponse<String> refused =
        http.postJson("/api/v1/capsules", "{\"uploadIds\":[\"" + a + "\",\"" + b + "\"]}", null);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(http.offset("/api/v1/uploads/" + a, null)).isEqualTo(10);
    assertThat(http.offset("/api/v1/uploads/" + b, null)).isEqualTo(10);
  }

  @Test
  void nothingOfAnUpload_isStoredAsPlaintext() throws Exception {
    byte[] marker = "VAULTDROP-PLAINTEXT-MARKER-".repeat(5000).getBytes(StandardCharsets.US_ASCII);
    String location = http.start(marker.length, "marker.txt", null);
    http.patch(location, 0, marker, null);
    byte[] needle = Arrays.copyOf(marker, 27 * 3);
    for (BlobInfo blob : blobs.list(null, 1000)) {
      try (InputStream in = blobs.open(blob.id())) {
        byte[] stored = in.readAllBytes();
        assertThat(DataFolder.indexOf(stored, needle)).as("blob %s", blob.id()).isNegative();
      }
    }
  }

  private byte[] downloadAsShare(String uploadId, String bearer) throws Exception {
    HttpResponse<String> created =
        http.postJson("/api/v1/shares", "{\"uploadId\":\"" + uploadId + "\"}", bearer);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String token = http.json(created.body()).get("token").asString();
    HttpResponse<byte[]> download =
        http.postForBytes("/api/v1/shares/" + token + "/download", "{}", null);
    assertThat(download.statusCode()).isEqualTo(200);
    return download.body();
  }
}
