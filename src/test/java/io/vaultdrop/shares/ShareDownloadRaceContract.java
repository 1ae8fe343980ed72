package io.vaultdrop.shares;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobStore;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Concurrent downloads over real HTTP: 20 requests released at once on a one-time link yield
 * exactly one 200, on a three-time link exactly three; the row and blob are gone afterwards.
 */
abstract class ShareDownloadRaceContract {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired BlobStore blobs;

  @Test
  void twentyConcurrentDownloads_ofAOneTimeLink_yieldExactlyOne200() throws Exception {
    assertRace(1);
  }

  @Test
  void twentyConcurrentDownloads_ofAThreeTimeLink_yieldExactlyThree200() throws Exception {
    assertRace(3);
  }

  /**
   * A one-time link of three files, raced by zip and single-file downloads at once: exactly one
   * wins, and every object of the share is gone afterwards.
   */
  @Test
  void twentyConcurrentZipAndFileDownloads_ofAOneTimeMultiFileLink_yieldExactlyOne200()
      throws Exception {
    List<java.util.Map.Entry<String, byte[]>> files = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      byte[] data = new byte[64 * 1024];
      new java.security.SecureRandom().nextBytes(data);
      files.add(java.util.Map.entry("part" + i + ".bin", data));
    }
    try (ShareHttp http = new ShareHttp(port)) {
      HttpResponse<String> created =
          http.create(ShareHttp.multipartFiles(java.util.Map.of(), files), null);
      assertThat(created.statusCode()).isEqualTo(201);
      String token = http.json(created).get("token").asString();
      List<BlobId> stored =
          jdbc
              .sql("SELECT blob_id FROM share_files WHERE share_id = ?")
              .param(token.substring(0, 22))
              .query(String.class)
              .list()
              .stream()
              .map(BlobId::parse)
              .toList();
      assertThat(stored).hasSize(3);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<HttpResponse<byte[]>>> results = new ArrayList<>();
      try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 0; i < 20; i++) {
          int which = i % 4; // 0..2: one file, 3: the zip
          results.add(
              threads.submit(
                  () -> {
                    start.await();
                    return which == 3
                        ? http.download(token, null)
                        : http.downloadFile(token, which);
                  }));
        }
        start.countDown();
        int ok = 0;
        for (Future<HttpResponse<byte[]>> result : results) {
          HttpResponse<byte[]> response = result.get();
          if (response.statusCode() == 200) {
            ok++;
          } else {
            assertThat(response.statusCode()).isEqualTo(404);
          }
        }
        assertThat(ok).isOne();
      }
      long deadline = System.currentTimeMillis() + 5_000;
      while ((rows(token) > 0 || stored.stream().anyMatch(this::exists))
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertThat(rows(token)).isZero();
      assertThat(stored).noneMatch(this::exists);
    }
  }

  private boolean exists(BlobId blob) {
    try {
      return blobs.exists(blob);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * The last download of a two-time link finishes while the first is still streaming: the share is
   * deleted only when the first one ends too, so it is not cut off.
   */
  @Test
  void lastDownload_waitsForSlowerEarlierTransfer_beforeDeleting() throws Exception {
    byte[] data = new byte[48 * 1024 * 1024];
    new java.security.SecureRandom().nextBytes(data);
    try (ShareHttp http = new ShareHttp(port)) {
      String token =
          http.created("slow.bin", data, ShareHttp.fields("maxDownloads", "2"))
              .get("token")
              .asString();
      HttpResponse<java.io.InputStream> slow =
          http.client()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          http.uri("/api/v1/shares/" + token + "/download"))
                      .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                      .build(),
                  HttpResponse.BodyHandlers.ofInputStream());
      assertThat(slow.statusCode()).isEqualTo(200);
      try (java.io.InputStream body = slow.body()) {
        byte[] first = body.readNBytes(1024);
        HttpResponse<byte[]> fast = http.download(token, null);
        assertThat(fast.statusCode()).isEqualTo(200);
        assertThat(fast.body()).isEqualTo(data);
        assertThat(http.metadata(token).statusCode()).isEqualTo(404);
        // Used up, but the first transfer is still running: row and blob stay.
        assertThat(rows(token)).isOne();
        byte[] rest = body.readAllBytes();
        byte[] all = new byte[first.length + rest.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        assertThat(all).isEqualTo(data);
      }
      long deadline = System.currentTimeMillis() + 5_000;
      while (rows(token) > 0 && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertThat(rows(token)).isZero();
    }
  }

  private void assertRace(int maxDownloads) throws Exception {
    byte[] data = new byte[256 * 1024];
    new java.security.SecureRandom().nextBytes(data);
    try (ShareHttp http = new ShareHttp(port)) {
      String token =
          http.created(
                  "race.bin", data, ShareHttp.fields("maxDownloads", String.valueOf(maxDownloads)))
              .get("token")
              .asString();
      BlobId blob =
          BlobId.parse(
              jdbc.sql("SELECT blob_id FROM shares WHERE id = ?")
                  .param(token.substring(0, 22))
                  .query(String.class)
                  .single());
      CountDownLatch start = new CountDownLatch(1);
      List<Future<HttpResponse<byte[]>>> results = new ArrayList<>();
      try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 0; i < 20; i++) {
          results.add(
              threads.submit(
                  () -> {
                    start.await();
                    return http.download(token, null);
                  }));
        }
        start.countDown();
        int ok = 0;
        int gone = 0;
        for (Future<HttpResponse<byte[]>> result : results) {
          HttpResponse<byte[]> response = result.get();
          if (response.statusCode() == 200) {
            ok++;
            assertThat(response.body()).isEqualTo(data);
          } else {
            assertThat(response.statusCode())
                .as(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(404);
            gone++;
          }
        }
        assertThat(ok).isEqualTo(maxDownloads);
        assertThat(gone).isEqualTo(20 - maxDownloads);
      }
      assertThat(http.metadata(token).statusCode()).isEqualTo(404);
      // The last transfer deletes the share once its stream completed; the blob goes once the
      // losers of the race have closed the object they opened before their claim failed.
      long deadline = System.currentTimeMillis() + 5_000;
      while ((rows(token) > 0 || blobs.exists(blob)) && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertThat(rows(token)).isZero();
      assertThat(blobs.exists(blob)).isFalse();
    }
  }

  private int rows(String token) {
    return jdbc.sql("SELECT COUNT(*) FROM shares WHERE id = ?")
        .param(token.substring(0, 22))
        .query(Integer.class)
        .single();
  }
}
