package io.vaultdrop.shares;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.crypto.CipherSuite;
import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.objects.NewObject;
import io.vaultdrop.objects.StoredObjects;
import io.vaultdrop.shares.internal.ShareKeys;
import io.vaultdrop.shares.internal.ShareToken;
import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Shares of several files over real HTTP on H2: creation, the zip and single-file downloads, their
 * counting, limits, names, passwords, missing objects, and one-file shares stored before V13.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "vaultdrop.scheduling.enabled=false",
      "vaultdrop.shares.anonymous-max-size=64KB",
      "vaultdrop.shares.max-files=5",
      "vaultdrop.shares.rate-limits.anonymous-creates-per-hour=10000",
      "vaultdrop.shares.rate-limits.reads-per-minute=10000",
      "vaultdrop.shares.rate-limits.downloads-per-minute=10000"
    })
@Import(AccountsWebTestSupport.ClockConfig.class)
class ShareMultiFileTest extends AccountsWebTestSupport {

  private static final SecureRandom RANDOM = new SecureRandom();

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired BlobStore blobs;
  @Autowired StoredObjects objects;
  @Autowired ShareKeys keys;

  @TempDir Path dir;

  @Test
  void create_listsTheFiles_andTheZipHoldsEveryFileByteIdentical() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("notes.txt", "some notes\n".getBytes(StandardCharsets.UTF_8));
    files.put("random.bin", random(20_000));
    files.put("empty.dat", new byte[0]);
    files.put("Ünïcödé файл.txt", "utf-8 name".getBytes(StandardCharsets.UTF_8));
    try (ShareHttp http = new ShareHttp(port)) {
      JsonNode created = create(http, ShareHttp.fields("maxDownloads", "2"), files);
      assertThat(created.get("name").asString()).isEqualTo("4 files");
      assertThat(created.get("size").asLong()).isEqualTo(total(files));
      assertFiles(created.get("files"), files);
      String token = created.get("token").asString();

      JsonNode meta = http.json(http.metadata(token));
      assertThat(meta.get("size").asLong()).isEqualTo(total(files));
      assertFiles(meta.get("files"), files);

      HttpResponse<byte[]> zip = http.download(token, null);
      assertThat(zip.statusCode()).isEqualTo(200);
      assertThat(zip.headers().firstValue("Content-Type")).hasValue("application/zip");
      assertThat(zip.headers().firstValueAsLong("Content-Length")).hasValue(zip.body().length);
      assertThat(zip.headers().firstValue("Content-Disposition").orElseThrow())
          .startsWith("attachment")
          .contains("4 files.zip");
      assertThat(zip.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      // The zip can be resumed too (ShareZipResumeTest).
      assertThat(zip.headers().firstValue("Vaultdrop-Resume-Token")).isPresent();
      assertThat(zip.headers().firstValue("Accept-Ranges")).hasValue("bytes");
      assertThat(readZip(zip.body())).containsExactlyEntriesOf(files);
      assertUnzipCliReads(zip.body(), files);

      assertThat(http.json(http.metadata(token)).get("downloadsLeft").asInt()).isOne();
    }
  }

  @Test
  void oneFile_byIndex_countsOneDownload_andMaxDownloadsSpansZipAndFiles() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("first.bin", random(3000));
    files.put("second.bin", random(5000));
    files.put("third.bin", random(7000));
    try (ShareHttp http = new ShareHttp(port)) {
      String token =
          create(http, ShareHttp.fields("maxDownloads", "3"), files).get("token").asString();
      List<BlobId> stored = blobsOf(token);
      assertThat(stored).hasSize(3);

      HttpResponse<byte[]> second = http.downloadFile(token, 1);
      assertThat(second.statusCode()).isEqualTo(200);
      assertThat(second.body()).isEqualTo(files.get("second.bin"));
      assertThat(second.headers().firstValueAsLong("Content-Length")).hasValue(5000);
      assertThat(second.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
      assertThat(second.headers().firstValue("Content-Disposition").orElseThrow())
          .contains("second.bin");
      assertThat(left(http, token)).isEqualTo(2);

      HttpResponse<byte[]> zip = http.download(token, null);
      assertThat(zip.statusCode()).isEqualTo(200);
      assertThat(readZip(zip.body())).containsExactlyEntriesOf(files);
      assertThat(left(http, token)).isEqualTo(1);

      HttpResponse<byte[]> third = http.downloadFile(token, 2);
      assertThat(third.statusCode()).isEqualTo(200);
      assertThat(third.body()).isEqualTo(files.get("third.bin"));

      // Used up: neither the zip nor a file is left, and every object of the share is deleted.
      assertThat(http.download(token, null).statusCode()).isEqualTo(404);
      assertThat(http.downloadFile(token, 0).statusCode()).isEqualTo(404);
      assertThat(http.metadata(token).statusCode()).isEqualTo(404);
      assertThat(count("SELECT COUNT(*) FROM shares WHERE id = ?", token.substring(0, 22)))
          .isZero();
      assertThat(
              count("SELECT COUNT(*) FROM share_files WHERE share_id = ?", token.substring(0, 22)))
          .isZero();
      for (BlobId blob : stored) {
        assertThat(blobs.exists(blob)).isFalse();
      }
    }
  }

  @Test
  void fileIndexOutOfRangeOrMalformed_isRefused_andConsumesNothing() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("a.txt", "a".getBytes(StandardCharsets.UTF_8));
    files.put("b.txt", "b".getBytes(StandardCharsets.UTF_8));
    try (ShareHttp http = new ShareHttp(port)) {
      String token = create(http, Map.of(), files).get("token").asString();
      assertThat(http.downloadFile(token, 2).statusCode()).isEqualTo(404);
      assertThat(http.downloadFile(token, 999_999).statusCode()).isEqualTo(404);
      for (String bad : List.of("-1", "x", "1.0", "9999999")) {
        HttpResponse<String> answer =
            http.client()
                .send(
                    java.net.http.HttpRequest.newBuilder(
                            http.uri("/api/v1/shares/" + token + "/download?file=" + bad))
                        .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(bad).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type"))
            .hasValue("application/problem+json");
      }
      assertThat(left(http, token)).isOne();
      assertThat(http.downloadFile(token, 0).body()).isEqualTo(files.get("a.txt"));
    }
  }

  @Test
  void moreFilesThanAllowed_is400_andNothingIsStored() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (int i = 0; i < 6; i++) {
      files.put("f" + i + ".txt", random(100));
    }
    try (ShareHttp http = new ShareHttp(port)) {
      Snapshot before = snapshot();
      HttpResponse<String> answer = http.create(body(Map.of(), files), null);
      assertThat(answer.statusCode()).isEqualTo(400);
      assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(http.json(answer).get("code").asString()).isEqualTo("invalid_request");
      assertThat(snapshot()).isEqualTo(before);
      // Five are fine.
      files.remove("f5.txt");
      assertThat(http.create(body(Map.of(), files), null).statusCode()).isEqualTo(201);
    }
  }

  @Test
  void filesTogetherBeyondTheLimit_are413_andNothingIsStored() throws Exception {
    // 64 KB for an anonymous caller: each file fits, the three together do not.
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("one.bin", random(30 * 1024));
    files.put("two.bin", random(30 * 1024));
    files.put("three.bin", random(30 * 1024));
    try (ShareHttp http = new ShareHttp(port)) {
      Snapshot before = snapshot();
      HttpResponse<String> answer = http.create(body(Map.of(), files), null);
      assertThat(answer.statusCode()).isEqualTo(413);
      assertThat(http.json(answer).get("code").asString()).isEqualTo("too_large");
      assertThat(snapshot()).isEqualTo(before);
    }
  }

  @Test
  void unsafeAndDuplicateNames_areSafeAndUniqueInTheZip() throws Exception {
    List<Map.Entry<String, byte[]>> parts =
        List.of(
            Map.entry("a.txt", bytes("1")),
            Map.entry("a.txt", bytes("2")),
            Map.entry("A.TXT", bytes("3")),
            Map.entry("con.txt", bytes("4")),
            Map.entry("b:c?*.txt", bytes("5")),
            Map.entry("../../x\u202E.txt", bytes("6")));
    try (ShareHttp http = new ShareHttp(port)) {
      HttpResponse<String> created =
          http.create(
              ShareHttp.multipartFiles(Map.of("maxDownloads", "2"), parts.subList(0, 5)), null);
      assertThat(created.statusCode()).isEqualTo(201);
      String token = http.json(created).get("token").asString();
      Map<String, byte[]> zip = readZip(http.download(token, null).body());
      assertThat(zip.keySet())
          .containsExactly("a.txt", "a (1).txt", "A (2).TXT", "_con.txt", "b_c__.txt");
      assertThat(zip.get("A (2).TXT")).isEqualTo(bytes("3"));

      // A path in the client's file name never reaches the zip (nor anything else).
      HttpResponse<String> withPath =
          http.create(
              ShareHttp.multipartFiles(Map.of(), List.of(parts.get(5), parts.get(0))), null);
      String other = http.json(withPath).get("token").asString();
      assertThat(readZip(http.download(other, null).body()).keySet())
          .containsExactly("x.txt", "a.txt");
    }
  }

  @Test
  void passwordProtectedShare_ofSeveralFiles() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("p1.txt", bytes("first secret"));
    files.put("p2.txt", bytes("second secret"));
    try (ShareHttp http = new ShareHttp(port)) {
      JsonNode created =
          create(http, ShareHttp.fields("password", "multi pass", "maxDownloads", "2"), files);
      assertThat(created.get("passwordRequired").asBoolean()).isTrue();
      String token = created.get("token").asString();
      assertThat(http.download(token, null).statusCode()).isEqualTo(401);
      HttpResponse<byte[]> wrong = http.download(token, "not it");
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(new String(wrong.body(), StandardCharsets.UTF_8)).contains("wrong_password");
      assertThat(left(http, token)).isEqualTo(2);

      HttpResponse<byte[]> zip = http.download(token, "multi pass");
      assertThat(zip.statusCode()).isEqualTo(200);
      assertThat(readZip(zip.body())).containsExactlyEntriesOf(files);
      HttpResponse<byte[]> one =
          http.client()
              .send(
                  http.downloadRequest(token, "multi pass")
                      .uri(http.uri("/api/v1/shares/" + token + "/download?file=1"))
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray());
      assertThat(one.statusCode()).isEqualTo(200);
      assertThat(one.body()).isEqualTo(files.get("p2.txt"));
    }
  }

  @Test
  void aFileWhoseObjectIsGone_is404_andConsumesNothing() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("kept.txt", bytes("kept"));
    files.put("lost.txt", bytes("lost"));
    try (ShareHttp http = new ShareHttp(port)) {
      String token =
          create(http, ShareHttp.fields("maxDownloads", "2"), files).get("token").asString();
      objects.delete(blobsOf(token).get(1));
      assertThat(http.download(token, null).statusCode()).isEqualTo(404);
      assertThat(http.downloadFile(token, 1).statusCode()).isEqualTo(404);
      assertThat(left(http, token)).isEqualTo(2);
      HttpResponse<byte[]> kept = http.downloadFile(token, 0);
      assertThat(kept.statusCode()).isEqualTo(200);
      assertThat(kept.body()).isEqualTo(bytes("kept"));
      assertThat(left(http, token)).isOne();
    }
  }

  /**
   * A one-file share as stored before V13: its object is encrypted with the associated data {@code
   * vaultdrop-share:<id>}, and its file row is what the V13 backfill writes (aad_version 1, no
   * sealed CRC). It downloads as before, resume token included.
   */
  @Test
  void oneFileShareStoredBeforeV13_stillDownloads() throws Exception {
    byte[] content = random(100_000);
    ShareToken token = ShareToken.generate();
    Instant now = Instant.now();
    try (NewObject object = objects.create("shares", Long.MAX_VALUE);
        DataKey key = keys.dataKey(token, null)) {
      object.store(
          new ByteArrayInputStream(content),
          CipherSuite.AES_256_GCM,
          key,
          "share-link",
          ("vaultdrop-share:" + token.id()).getBytes(StandardCharsets.UTF_8));
      object.publish(
          () -> {
            jdbc.sql(
                    "INSERT INTO shares (id, blob_id, owner_id, file_name, size_bytes, created_at,"
                        + " expires_at, max_downloads, remaining, in_flight, token_verifier,"
                        + " revoke_hash, failed_attempts) VALUES (?, ?, NULL, ?, ?, ?, ?, 1, 1, 0,"
                        + " ?, ?, 0)")
                .params(
                    token.id(),
                    object.id().value(),
                    "old.bin",
                    content.length,
                    now.toEpochMilli(),
                    now.plusSeconds(3600).toEpochMilli(),
                    keys.tokenVerifier(token),
                    keys.revokeHash("unused"))
                .update();
            jdbc.sql(
                    "INSERT INTO share_files (share_id, file_index, blob_id, file_name, size_bytes,"
                        + " aad_version, sealed_crc) SELECT id, 0, blob_id, file_name, size_bytes,"
                        + " 1, NULL FROM shares WHERE id = ?")
                .param(token.id())
                .update();
          });
    }
    try (ShareHttp http = new ShareHttp(port)) {
      JsonNode meta = http.json(http.metadata(token.encoded()));
      assertThat(meta.get("name").asString()).isEqualTo("old.bin");
      assertThat(meta.get("files")).hasSize(1);
      HttpResponse<byte[]> file = http.download(token.encoded(), null);
      assertThat(file.statusCode()).isEqualTo(200);
      assertThat(file.body()).isEqualTo(content);
      assertThat(file.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
      assertThat(file.headers().firstValue("Vaultdrop-Resume-Token")).isPresent();
      assertThat(http.download(token.encoded(), null).statusCode()).isEqualTo(404);
    }
  }

  // ---- helpers ------------------------------------------------------------------------------

  private JsonNode create(ShareHttp http, Map<String, String> fields, Map<String, byte[]> files)
      throws Exception {
    HttpResponse<String> response = http.create(body(fields, files), null);
    if (response.statusCode() != 201) {
      throw new AssertionError("create answered " + response.statusCode() + ": " + response.body());
    }
    return http.json(response);
  }

  private static byte[] body(Map<String, String> fields, Map<String, byte[]> files) {
    return ShareHttp.multipartFiles(fields, new ArrayList<>(files.entrySet()));
  }

  private static void assertFiles(JsonNode listed, Map<String, byte[]> files) {
    assertThat(listed).hasSize(files.size());
    int i = 0;
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      assertThat(listed.get(i).get("name").asString()).isEqualTo(file.getKey());
      assertThat(listed.get(i).get("size").asLong()).isEqualTo(file.getValue().length);
      i++;
    }
  }

  private Map<String, byte[]> readZip(byte[] archive) throws IOException {
    Path file = Files.createTempFile(dir, "share", ".zip");
    Files.write(file, archive);
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8)) {
      Enumeration<? extends ZipEntry> all = zip.entries();
      while (all.hasMoreElements()) {
        ZipEntry entry = all.nextElement();
        assertThat(entry.getMethod()).isEqualTo(ZipEntry.STORED);
        try (var in = zip.getInputStream(entry)) {
          entries.put(entry.getName(), in.readAllBytes());
        }
      }
    }
    return entries;
  }

  /**
   * The Info-ZIP {@code unzip} CLI, when installed, tests the archive (CRCs included), lists the
   * same names and extracts the same bytes. It writes to standard output, so no file name has to
   * pass through the JVM's file name encoding.
   */
  private void assertUnzipCliReads(byte[] archive, Map<String, byte[]> files) throws Exception {
    if (!Files.isExecutable(Path.of("/usr/bin/unzip"))) {
      return;
    }
    Path file = Files.createTempFile(dir, "cli", ".zip");
    Files.write(file, archive);
    assertThat(new String(unzip("-t", file.toString()), StandardCharsets.UTF_8))
        .contains("No errors detected");
    assertThat(new String(unzip("-Z1", file.toString()), StandardCharsets.UTF_8).lines())
        .containsExactlyElementsOf(files.keySet());
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    files.values().forEach(all::writeBytes);
    assertThat(unzip("-p", file.toString())).isEqualTo(all.toByteArray());
  }

  private static byte[] unzip(String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("/usr/bin/unzip"));
    command.addAll(List.of(arguments));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("LC_ALL", "C.UTF-8");
    Process unzip = builder.start();
    byte[] out = unzip.getInputStream().readAllBytes();
    assertThat(unzip.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(unzip.exitValue()).as(String.join(" ", command)).isZero();
    return out;
  }

  private int left(ShareHttp http, String token) throws Exception {
    return http.json(http.metadata(token)).get("downloadsLeft").asInt();
  }

  private List<BlobId> blobsOf(String token) {
    return jdbc
        .sql("SELECT blob_id FROM share_files WHERE share_id = ? ORDER BY file_index")
        .param(token.substring(0, 22))
        .query(String.class)
        .list()
        .stream()
        .map(BlobId::parse)
        .toList();
  }

  private long count(String sql, Object param) {
    return jdbc.sql(sql).param(param).query(Long.class).single();
  }

  private record Snapshot(long shares, long files, long objects, long blobs) {}

  private Snapshot snapshot() throws IOException {
    return new Snapshot(
        jdbc.sql("SELECT COUNT(*) FROM shares").query(Long.class).single(),
        jdbc.sql("SELECT COUNT(*) FROM share_files").query(Long.class).single(),
        jdbc.sql("SELECT COUNT(*) FROM stored_objects").query(Long.class).single(),
        blobs.list(null, BlobStore.MAX_PAGE_SIZE).size());
  }

  private static long total(Map<String, byte[]> files) {
    return files.values().stream().mapToLong(b -> b.length).sum();
  }

  private static byte[] random(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
