package io.vaultdrop.shares;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.testsupport.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Resuming the downloads of a share of several files over real HTTP: the zip at offsets inside
 * every part of the archive, and one file alone; each resume token resumes only what it was given
 * for. (Same configuration as {@code ShareResumeTest}, so the two share a context.)
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "vaultdrop.scheduling.enabled=false",
      "vaultdrop.shares.anonymous-max-size=64MB",
      "vaultdrop.shares.resume-grace=PT15M",
      "vaultdrop.shares.rate-limits.anonymous-creates-per-hour=10000",
      "vaultdrop.shares.rate-limits.reads-per-minute=10000",
      "vaultdrop.shares.rate-limits.downloads-per-minute=10000"
    })
@Import(AccountsWebTestSupport.ClockConfig.class)
class ShareZipResumeTest extends AccountsWebTestSupport {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int SEGMENT = 64 * 1024;

  /**
   * Larger together than loopback socket buffers, so dropping the connection really aborts the
   * transfer; "big.bin" spans many 64 KiB segments, and a non-ASCII name carries the Unicode Path
   * extra field.
   */
  private static final Map<String, byte[]> FILES = new LinkedHashMap<>();

  static {
    FILES.put("a.txt", random(1000));
    FILES.put("big.bin", random(16 * 1024 * 1024 + 123));
    FILES.put("Ünïcödé файл.bin", random(6 * 1024 * 1024));
    FILES.put("empty.dat", new byte[0]);
    FILES.put("z.txt", random(5000));
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired MutableClock clock;

  @TempDir Path dir;

  /**
   * A fresh download of the zip is exactly what the JDK's ZipOutputStream writes for the files; an
   * aborted transfer resumed at offsets inside a local header, inside file data on and off a
   * segment boundary, inside the central directory and the end record, and at the last byte, sends
   * exactly the rest of those bytes, with 206 and the exact Content-Range.
   */
  @Test
  void zip_resumedAtOffsetsInEveryPartOfTheArchive_continuesTheSameBytes() throws Exception {
    try (ShareHttp http = new ShareHttp(port)) {
      String token = create(http, ShareHttp.fields("maxDownloads", "20"));
      HttpResponse<byte[]> whole = send(http, token, null, null, null);
      assertThat(whole.statusCode()).isEqualTo(200);
      byte[] zip = whole.body();
      assertThat(zip).isEqualTo(expectedZip(token));
      assertThat(readZip(zip)).containsExactlyEntriesOf(FILES);

      Layout layout = Layout.of(zip);
      long bigData = layout.dataStart(1);
      List<Long> offsets =
          List.of(
              1L, // inside the first local header
              layout.localHeader(1) + 10, // inside a later local header
              layout.localHeader(2) + 40, // inside the name and Unicode Path field
              bigData, // the first byte of a file's data
              bigData + SEGMENT, // on a segment boundary
              bigData + 5L * SEGMENT + 17, // off one
              bigData + FILES.get("big.bin").length - 1, // a file's last byte
              layout.dataStart(2) + 3 * SEGMENT - 1, // in the file after it
              layout.centralDirectory() + 7, // inside the central directory
              layout.centralDirectory() + 60, // inside its second header
              (long) zip.length - 10, // inside the end record
              (long) zip.length - 1); // the last byte
      for (long offset : offsets) {
        ShareHttp.PartialDownload partial = abortAfter(http, token, null, 4096);
        assertThat(partial.received()).isEqualTo(Arrays.copyOf(zip, 4096));
        String resumeToken = resumeToken(partial.response());
        awaitNoTransferRunning(token);

        HttpResponse<byte[]> rest = send(http, token, null, resumeToken, "bytes=" + offset + "-");
        assertThat(rest.statusCode()).as("resumed at " + offset).isEqualTo(206);
        assertThat(rest.headers().firstValue("Content-Type")).hasValue("application/zip");
        assertThat(rest.headers().firstValue("Content-Range"))
            .hasValue("bytes " + offset + "-" + (zip.length - 1) + "/" + zip.length);
        assertThat(rest.headers().firstValueAsLong("Content-Length")).hasValue(zip.length - offset);
        assertThat(rest.body())
            .as("resumed at " + offset)
            .isEqualTo(Arrays.copyOfRange(zip, (int) offset, zip.length));
        // Completed: the token is spent.
        assertThat(send(http, token, null, resumeToken, "bytes=1-").statusCode()).isEqualTo(404);
      }
      // Every resume continued a claim: 1 + 12 downloads were counted, never more.
      assertThat(http.json(http.metadata(token)).get("downloadsLeft").asInt())
          .isEqualTo(20 - 1 - offsets.size());
    }
  }

  /**
   * A one-time link of several files whose zip breaks off mid-transfer (the client drops the
   * socket): the claimant resumes it, and what it then holds is the complete zip, byte for byte.
   * Nobody else gets anything, and the share goes once the transfer completed.
   */
  @Test
  void oneTimeZip_abortedMidTransfer_isResumedToTheCompleteZip() throws Exception {
    try (ShareHttp http = new ShareHttp(port)) {
      String token = create(http, ShareHttp.fields("maxDownloads", "1"));
      byte[] expected = expectedZip(token);
      ShareHttp.PartialDownload partial = abortAfter(http, token, null, 3 * 1024 * 1024 + 5);
      assertThat(partial.response().statusCode()).isEqualTo(200);
      assertThat(partial.response().headers().firstValueAsLong("Content-Length"))
          .hasValue(expected.length);
      String resumeToken = resumeToken(partial.response());
      awaitNoTransferRunning(token);
      assertThat(send(http, token, null, null, null).statusCode()).isEqualTo(404);

      int have = partial.received().length;
      HttpResponse<byte[]> rest = send(http, token, null, resumeToken, "bytes=" + have + "-");
      assertThat(rest.statusCode()).isEqualTo(206);
      ByteArrayOutputStream joined = new ByteArrayOutputStream();
      joined.writeBytes(partial.received());
      joined.writeBytes(rest.body());
      assertThat(joined.toByteArray()).isEqualTo(expected);
      assertThat(readZip(joined.toByteArray())).containsExactlyEntriesOf(FILES);
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(() -> assertThat(inFlight(token)).isEmpty());
    }
  }

  /**
   * One file of a share of several ({@code ?file=N}) is resumed like a one-file share's file; its
   * token resumes only that file, the zip's token only the zip (404, as any token not for what is
   * asked), and a refused try costs the token nothing.
   */
  @Test
  void fileOfSeveral_isResumed_andEachTokenResumesOnlyWhatItWasGivenFor() throws Exception {
    String password = "correct horse battery";
    try (ShareHttp http = new ShareHttp(port)) {
      String token = create(http, ShareHttp.fields("maxDownloads", "3", "password", password));
      byte[] big = FILES.get("big.bin");

      ShareHttp.PartialDownload file = abortAfter(http, token + "/download?file=1", password, 1000);
      assertThat(file.response().statusCode()).isEqualTo(200);
      assertThat(file.response().headers().firstValue("Accept-Ranges")).hasValue("bytes");
      assertThat(file.received()).isEqualTo(Arrays.copyOf(big, 1000));
      String fileToken = resumeToken(file.response());
      ShareHttp.PartialDownload zip = abortAfter(http, token, password, 1000);
      String zipToken = resumeToken(zip.response());
      awaitNoTransferRunning(token);

      // Each token, for the other thing or another file, is refused, whatever the offset.
      assertThat(send(http, token, password, fileToken, "bytes=1000-").statusCode()).isEqualTo(404);
      assertThat(send(http, token + "/download?file=2", password, fileToken, "bytes=1000-"))
          .extracting(HttpResponse::statusCode)
          .isEqualTo(404);
      assertThat(send(http, token + "/download?file=0", password, fileToken, "bytes=10-"))
          .extracting(HttpResponse::statusCode)
          .isEqualTo(404);
      assertThat(send(http, token + "/download?file=1", password, zipToken, "bytes=1000-"))
          .extracting(HttpResponse::statusCode)
          .isEqualTo(404);
      assertThat(send(http, token + "/download?file=9", password, fileToken, "bytes=1000-"))
          .extracting(HttpResponse::statusCode)
          .isEqualTo(404);
      // The password again, and only an open-ended range inside what is resumed.
      assertThat(send(http, token + "/download?file=1", null, fileToken, "bytes=1000-"))
          .extracting(HttpResponse::statusCode)
          .isEqualTo(401);
      assertThat(send(http, token + "/download?file=1", password, fileToken, "bytes=5-9"))
          .extracting(HttpResponse::statusCode)
          .isEqualTo(416);
      assertThat(
              send(
                  http,
                  token + "/download?file=1",
                  password,
                  fileToken,
                  "bytes=" + big.length + "-"))
          .extracting(HttpResponse::statusCode)
          .isEqualTo(416);
      long zipLength = zip.response().headers().firstValueAsLong("Content-Length").orElseThrow();
      assertThat(send(http, token, password, zipToken, "bytes=" + zipLength + "-").statusCode())
          .isEqualTo(416);

      HttpResponse<byte[]> rest =
          send(http, token + "/download?file=1", password, fileToken, "bytes=" + SEGMENT + "-");
      assertThat(rest.statusCode()).isEqualTo(206);
      assertThat(rest.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
      assertThat(rest.headers().firstValue("Content-Range"))
          .hasValue("bytes " + SEGMENT + "-" + (big.length - 1) + "/" + big.length);
      assertThat(rest.body()).isEqualTo(Arrays.copyOfRange(big, SEGMENT, big.length));

      HttpResponse<byte[]> zipRest = send(http, token, password, zipToken, "bytes=1000-");
      assertThat(zipRest.statusCode()).isEqualTo(206);
      ByteArrayOutputStream joined = new ByteArrayOutputStream();
      joined.writeBytes(zip.received());
      joined.writeBytes(zipRest.body());
      assertThat(joined.toByteArray()).isEqualTo(expectedZip(token));
      // Two downloads were counted, not more.
      assertThat(downloadsLeft(token)).isEqualTo(1);
    }
  }

  @Test
  void zipToken_expiresAfterTheGracePeriod() throws Exception {
    try (ShareHttp http = new ShareHttp(port)) {
      String token = create(http, ShareHttp.fields("maxDownloads", "2"));
      ShareHttp.PartialDownload partial = abortAfter(http, token, null, 4096);
      String resumeToken = resumeToken(partial.response());
      awaitNoTransferRunning(token);
      clock.advance(Duration.ofMinutes(15).plusSeconds(1));
      assertThat(send(http, token, null, resumeToken, "bytes=4096-").statusCode()).isEqualTo(404);
    }
  }

  // ---- helpers ------------------------------------------------------------------------------

  private String create(ShareHttp http, Map<String, String> fields) throws Exception {
    HttpResponse<String> response =
        http.create(ShareHttp.multipartFiles(fields, new ArrayList<>(FILES.entrySet())), null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonNode created = http.json(response);
    return created.get("token").asString();
  }

  /**
   * What the zip must be, made independently by the JDK: the files in order under their names,
   * STORED, every entry with the share's creation time (UTC).
   */
  private byte[] expectedZip(String token) throws IOException {
    long createdAt =
        jdbc.sql("SELECT created_at FROM shares WHERE id = ?")
            .param(token.substring(0, 22))
            .query(Long.class)
            .single();
    LocalDateTime time = LocalDateTime.ofInstant(Instant.ofEpochMilli(createdAt), ZoneOffset.UTC);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
      for (Map.Entry<String, byte[]> file : FILES.entrySet()) {
        ZipEntry entry = new ZipEntry(file.getKey());
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(file.getValue().length);
        entry.setCompressedSize(file.getValue().length);
        CRC32 crc = new CRC32();
        crc.update(file.getValue());
        entry.setCrc(crc.getValue());
        entry.setTimeLocal(time);
        byte[] name = file.getKey().getBytes(StandardCharsets.UTF_8);
        if (name.length != file.getKey().length()) {
          entry.setExtra(unicodePath(name));
        }
        zip.putNextEntry(entry);
        zip.write(file.getValue());
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  /** The Info-ZIP Unicode Path extra field (APPNOTE 4.6.9) of a non-ASCII name. */
  private static byte[] unicodePath(byte[] name) {
    CRC32 crc = new CRC32();
    crc.update(name);
    ByteBuffer field = ByteBuffer.allocate(9 + name.length).order(ByteOrder.LITTLE_ENDIAN);
    field.putShort((short) 0x7075).putShort((short) (5 + name.length)).put((byte) 1);
    return field.putInt((int) crc.getValue()).put(name).array();
  }

  /** Where the parts of a (small, classic) zip are, read from its headers. */
  private record Layout(List<Long> localHeaders, List<Long> dataStarts, long centralDirectory) {

    static Layout of(byte[] zip) {
      ByteBuffer buffer = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
      List<Long> headers = new ArrayList<>();
      List<Long> data = new ArrayList<>();
      int at = 0;
      while (buffer.getInt(at) == 0x04034b50) {
        headers.add((long) at);
        long size = Integer.toUnsignedLong(buffer.getInt(at + 22));
        int start = at + 30 + buffer.getShort(at + 26) + buffer.getShort(at + 28);
        data.add((long) start);
        at = (int) (start + size);
      }
      long central = Integer.toUnsignedLong(buffer.getInt(zip.length - 6));
      assertThat(central).isEqualTo(at);
      return new Layout(headers, data, central);
    }

    long localHeader(int index) {
      return localHeaders.get(index);
    }

    long dataStart(int index) {
      return dataStarts.get(index);
    }
  }

  private HttpRequest.Builder request(
      ShareHttp http,
      String tokenAndPath,
      @Nullable String password,
      @Nullable String resumeToken,
      @Nullable String range) {
    String path = tokenAndPath.contains("/") ? tokenAndPath : tokenAndPath + "/download";
    HttpRequest.Builder request = HttpRequest.newBuilder(http.uri("/api/v1/shares/" + path));
    if (password == null) {
      request.POST(HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"password\":\"" + password + "\"}"));
    }
    if (resumeToken != null) {
      request.header("Vaultdrop-Resume-Token", resumeToken);
    }
    if (range != null) {
      request.header("Range", range);
    }
    return request;
  }

  /** {@code POST …/download} ({@code tokenAndPath} may carry {@code /download?file=N}). */
  private HttpResponse<byte[]> send(
      ShareHttp http,
      String tokenAndPath,
      @Nullable String password,
      @Nullable String resumeToken,
      @Nullable String range)
      throws Exception {
    return http.client()
        .send(
            request(http, tokenAndPath, password, resumeToken, range).build(),
            HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Reads the first {@code bytes} bytes of a download, then drops the connection. */
  private ShareHttp.PartialDownload abortAfter(
      ShareHttp http, String tokenAndPath, @Nullable String password, int bytes) throws Exception {
    HttpResponse<InputStream> response =
        http.client()
            .send(
                request(http, tokenAndPath, password, null, null).build(),
                HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      return new ShareHttp.PartialDownload(response, body.readNBytes(bytes));
    }
  }

  private static String resumeToken(HttpResponse<?> response) {
    return response.headers().firstValue("Vaultdrop-Resume-Token").orElseThrow();
  }

  private Optional<Integer> inFlight(String token) {
    return jdbc.sql("SELECT in_flight FROM shares WHERE id = ?")
        .param(token.substring(0, 22))
        .query(Integer.class)
        .optional();
  }

  private int downloadsLeft(String token) {
    return jdbc.sql("SELECT remaining FROM shares WHERE id = ?")
        .param(token.substring(0, 22))
        .query(Integer.class)
        .single();
  }

  private void awaitNoTransferRunning(String token) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(inFlight(token)).hasValue(0));
  }

  private Map<String, byte[]> readZip(byte[] archive) throws IOException {
    Path file = Files.createTempFile(dir, "share", ".zip");
    Files.write(file, archive);
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8)) {
      Enumeration<? extends ZipEntry> all = zip.entries();
      while (all.hasMoreElements()) {
        ZipEntry entry = all.nextElement();
        try (InputStream in = zip.getInputStream(entry)) {
          entries.put(entry.getName(), in.readAllBytes());
        }
      }
    }
    return entries;
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
