package io.vaultdrop.shares;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.accounts.Account;
import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.config.VaultdropProperties;
import io.vaultdrop.objects.NewObject;
import io.vaultdrop.objects.StoredObjects;
import io.vaultdrop.objects.internal.ObjectSweeper;
import io.vaultdrop.shares.internal.ShareService;
import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.testsupport.MutableClock;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The share link API over real HTTP on H2: contract, consumption, passwords, expiry, revoke. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "vaultdrop.scheduling.enabled=false",
      "vaultdrop.shares.anonymous-max-size=64KB",
      "vaultdrop.shares.rate-limits.anonymous-creates-per-hour=10000",
      "vaultdrop.shares.rate-limits.reads-per-minute=10000",
      "vaultdrop.shares.rate-limits.downloads-per-minute=10000"
    })
@Import(AccountsWebTestSupport.ClockConfig.class)
class ShareApiTest extends AccountsWebTestSupport {

  @LocalServerPort int port;
  @Autowired MutableClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired BlobStore blobs;
  @Autowired ShareService shares;
  @Autowired ObjectSweeper sweeper;
  @Autowired StoredObjects objects;
  @Autowired AccountService accounts;
  @Autowired VaultdropProperties properties;

  private static final SecureRandom RANDOM = new SecureRandom();

  static byte[] content(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void anonymousCreate_followsTheContract_andDownloadsTheExactFile() throws Exception {
    try (ShareHttp http = new ShareHttp(port)) {
      byte[] data = content("hello share " + RANDOM.nextLong());
      HttpResponse<String> response =
          http.create("report.txt", data, ShareHttp.fields("maxDownloads", "2"), null);
      assertThat(response.statusCode()).isEqualTo(201);
      JsonNode body = http.json(response);
      String token = body.get("token").asString();
      assertThat(token).matches("[A-Za-z0-9_-]{65}");
      assertThat(body.get("url").asString()).isEqualTo("http://localhost:" + port + "/s/" + token);
      assertThat(body.get("name").asString()).isEqualTo("report.txt");
      assertThat(body.get("size").asLong()).isEqualTo(data.length);
      assertThat(body.get("maxDownloads").asInt()).isEqualTo(2);
      assertThat(body.get("passwordRequired").asBoolean()).isFalse();
      assertThat(body.get("revokeToken").asString()).isNotBlank();
      assertThat(body.get("expiresAt").isMissingNode()).isFalse();

      HttpResponse<String> meta = http.metadata(token);
      assertThat(meta.statusCode()).isEqualTo(200);
      JsonNode m = http.json(meta);
      assertThat(m.get("name").asString()).isEqualTo("report.txt");
      assertThat(m.get("size").asLong()).isEqualTo(data.length);
      assertThat(m.get("downloadsLeft").asInt()).isEqualTo(2);
      assertThat(m.get("passwordRequired").asBoolean()).isFalse();
      assertThat(m.has("expiresAt")).isTrue();

      HttpResponse<byte[]> file = http.download(token, null);
      assertThat(file.statusCode()).isEqualTo(200);
      assertThat(file.body()).isEqualTo(data);
      assertThat(file.headers().firstValueAsLong("Content-Length")).hasValue(data.length);
      assertThat(file.headers().firstValue("Content-Disposition").orElseThrow())
          .startsWith("attachment")
          .contains("report.txt");
      assertThat(file.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }
  }

  @Test
  void defaults_areOneDownloadAndOneDay() throws Exception {
    try (ShareHttp http = new ShareHttp(port)) {
      JsonNode body = http.created("a.bin", content("x"), Map.of());
      assertThat(body.get("maxDownloads").asInt()).isEqualTo(1);
      java.time.Instant expires = java.time.Instant.parse(body.get("expiresAt").asString());
      assertThat(Duration.between(clock.instant(), expires)).isEqualTo(Duration.ofDays(1));
    }
  }

  @Test
  void bearerCreate_isOwned_listed_andRevocableByTheOwner() throws Exception {
    try (ShareHttp http = new ShareHttp(port)) {
      String email = uniqueEmail();
      accounts.createUser(email, PASSWORD, Role.MEMBER, null, null);
      String bearer = http.bearer(email, PASSWORD);
      // Signed-in users are not bound by the anonymous size limit (64KB here).
      byte[] big = new byte[100 * 1024];
      RANDOM.nextBytes(big);
      HttpResponse<String> created = http.create("big.bin", big, Map.of(), bearer);
      assertThat(created.statusCode()).isEqualTo(201);
      String token = http.json(created).get("token").asString();

      HttpResponse<String> list =
          http.client()
              .send(
                  java.net.http.HttpRequest.newBuilder(http.uri("/api/v1/shares"))
                      .header("Authorization", "Bearer " + bearer)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(list.statusCode()).isEqualTo(200);
      JsonNode items = http.json(list);
      assertThat(items).hasSize(1);
      String id = items.get(0).get("id").asString();
      assertThat(token).startsWith(id);
      assertThat(items.get(0).get("name").asString()).isEqualTo("big.bin");
      assertThat(list.body()).doesNotContain(token);

      // Another user and anonymous callers cannot revoke by id.
      String other = uniqueEmail();
      accounts.createUser(other, PASSWORD, Role.MEMBER, null, null);
      assertThat(http.delete(id, null, http.bearer(other, PASSWORD)).statusCode()).isEqualTo(404);
      assertThat(http.delete(id, null, null).statusCode()).isEqualTo(404);
      assertThat(http.delete(token, null, http.bearer(other, PASSWORD)).statusCode())
          .isEqualTo(403);

      assertThat(http.delete(id, null, bearer).statusCode()).isEqualTo(204);
      assertThat(http.metadata(token).statusCode()).isEqualTo(404);
      assertThat(http.download(token, null).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void anonymousListing_isUnauthorized() throws Exception {
    try (ShareHttp http = new ShareHttp(port)) {
      HttpResponse<String> list =
          http.client()
              .send(
                  java.net.http.HttpRequest.newBuilder(http.uri("/api/v1/shares")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(list.statusCode()).isEqualTo(401);
    }
  }

  @Test
  void metadataReads_andLandingPageGetAndHead_neverConsume() throws Exception {
    try (ShareHttp http = new ShareHttp(port)) {
      String token = http.created("once.txt", content("once"), Map.of()).get("token").asString();
      for (int i = 0; i < 5; i++) {
        assertThat(http.metadata(token).statusCode()).isEqualTo(200);
        HttpResponse<String> page = http.get("/s/" + token, ShareHttp.BROWSER);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("once.txt").contains("<svg");
        assertThat(http.head("/s/" + token).statusCode()).isEqualTo(200);
      }
      assertThat(http.json(http.metadata(token)).get("downloadsLeft").asInt()).isEqualTo(1);
      assertThat(http.download(token, null).statusCode()).isEqualTo(200);
      assertThat(http.download(token, null).statusCode()).isEqualTo(404);
      assertThat(http.metadata(token).statusCode()).isEqualTo(404);
      // The API keeps its 404; the landing page tells the link holder the link ended (410).
      assertThat(http.get("/s/" + token, ShareHttp.BROWSER).statusCode()).isEqualTo(410);
    }
  }

  @Test
  void threeDownloads_thenGone_withRowAndBlobDeleted() throws Exception {
    try (ShareHttp http = new ShareHttp(port)) {
      String token =
          http.created("three.txt", content("three"), ShareHttp.fields("maxDownloads", "3"))
              .get("token")
              .asString();
      BlobId blob = blobOf(token);
      for (int i = 0; i < 3; i++) {
        HttpResponse<byte[]> file = http.download(token, null);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(content("three"));
      }
      assertThat(http.download(token, null).statusCode()).isEqualTo(404);
      assertThat(rows(token)).isZero();
      assertThat(blobs.exists(blob)).isFalse();
    }
  }

  @Test
  void password_required_wrong_attemptsLeft_andCorrect() throws Exception {
    try (ShareHttp http = new ShareHttp(port)) {
      JsonNode created =
          http.created(
              "locked.txt", content("locked"), ShareHttp.fields("password", "open sesame"));
      assertThat(created.get("passwordRequired").asBoolean()).isTrue();
      String token = created.get("token").asString();
      assertThat(http.json(http.metadata(token)).get("passwordRequired").asBoolean()).isTrue();

      HttpResponse<byte[]> none = http.download(token, null);
      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(problem(http, none).get("code").asString()).isEqualTo("password_required");
      assertThat(none.headers().allValues("WWW-Authenticate"))
          .containsExactly("Password realm=\"share\"");

      HttpResponse<byte[]> wrong = http.download(token, "not it");
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(problem(http, wrong).get("code").asString()).isEqualTo("wrong_password");
      assertThat(problem(http, wrong).get("attemptsLeft").asInt()).isEqualTo(4);
      // Reads do not reset the counter.
      http.metadata(token);
      http.get("/s/" + token, ShareHttp.BROWSER);
      assertThat(problem(http, http.download(token, "still not")).get("attemptsLeft").asInt())
          .isEqualTo(3);

      HttpResponse<byte[]> right = http.download(token, "open sesame");
      assertThat(right.statusCode()).isEqualTo(200);
      assertThat(right.body()).isEqualTo(content("locked"));
    }
  }

  @Test
  void passwordAsFormField_isAccepted() throws Exception {
    try (ShareHttp http = new ShareHttp(port)) {
      String token =
          http.created("f.txt", content("form"), ShareHttp.fields("password", "pw form"))
              .get("token")
              .asString();
      HttpResponse<byte[]> response =
          http.client()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          http.uri("/api/v1/shares/" + token + "/download"))
                      .header("Content-Type", "application/x-www-form-urlencoded")
                      .POST(java.net.http.HttpRequest.BodyPublishers.ofString("password=pw+form"))
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo(content("form"));
    }
  }

  @Test
  void fiveWrongPasswords_destroyTheShare() throws Exception {
    try (ShareHttp http = new ShareHttp(port)) {
      String token =
          http.created("doomed.txt", content("doomed"), ShareHttp.fields("password", "right one"))
              .get("token")
              .asString();
      BlobId blob = blobOf(token);
      for (int left = 4; left >= 0; left--) {
        HttpResponse<byte[]> wrong = http.download(token, "wrong " + left);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(problem(http, wrong).get("attemptsLeft").asInt()).isEqualTo(left);
      }
      assertThat(http.download(token, "right one").statusCode()).isEqualTo(404);
      assertThat(http.metadata(token).statusCode()).isEqualTo(404);
      assertThat(rows(token)).isZero();
      assertThat(blobs.exists(blob)).isFalse();
    }
  }

  /** Twenty wrong guesses at once get no more than the five the share allows. */
  @Test
  void parallelWrongPasswords_getNoMoreThanFiveChecks() throws Exception {
    try (ShareHttp http = new ShareHttp(port)) {
      String token =
          http.created("raced.txt", content("raced"), ShareHttp.fields("password", "right one"))
              .get("token")
              .asString();
      BlobId blob = blobOf(token);
      List<Future<Integer>> answers = new ArrayList<>();
      try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 0; i < 20; i++) {
          String guess = "guess " + i;
          answers.add(pool.submit(() -> http.download(token, guess).statusCode()));
        }
      }
      int wrong = 0;
      for (Future<Integer> answer : answers) {
        int status = answer.get();
        assertThat(status).isIn(401, 404, 429);
        wrong += status == 401 ? 1 : 0;
      }
      assertThat(wrong).as("guesses actually checked").isLessThanOrEqualTo(5);
      assertThat(http.download(token, "right one").statusCode()).isEqualTo(404);
      assertThat(rows(token)).isZero();
      assertThat(blobs.exists(blob)).isFalse();
    }
  }

  @Test
  void passwordThatWouldBeIgnored_isRefusedAndNothingIsStored() throws Exception {
    try (ShareHttp http = new ShareHttp(port)) {
      long before = jdbc.sql("SELECT COUNT(*) FROM shares").query(Long.class).single();
      byte[] emptyThenLate =
          ShareHttp.multipart(
              Map.of("password", ""), "late.txt", content("late"), Map.of("password", "secret"));
      assertThat(http.create(emptyThenLate, null).statusCode()).isEqualTo(400);
      byte[] afterOnly =
          ShareHttp.multipart(Map.of(), "late.txt", content("late"), Map.of("password", "secret"));
      assertThat(http.create(afterOnly, null).statusCode()).isEqualTo(400);
      assertThat(jdbc.sql("SELECT COUNT(*) FROM shares").query(Long.class).single())
          .isEqualTo(before);
    }
  }

  @Test
  void lockedShareWhoseDestructionFailed_staysClosedEvenToTheRightPassword() throws Exception {
    try (ShareHttp http = new ShareHttp(port)) {
      String token =
          http.created("stuck.txt", content("stuck"), ShareHttp.fields("password", "right one"))
              .get("token")
              .asString();
      BlobId blob = blobOf(token);
      // As if the fifth wrong password was counted but deleting blob and row then failed.
      jdbc.sql("UPDATE shares SET failed_attempts = ? WHERE id = ?")
          .params(ShareService.MAX_PASSWORD_ATTEMPTS, token.substring(0, 22))
          .update();

      assertThat(http.download(token, "right one").statusCode()).isEqualTo(404);
      assertThat(http.download(token, "another guess").statusCode()).isEqualTo(404);
      assertThat(http.metadata(token).statusCode()).isEqualTo(404);
      sweeper.sweep();
      assertThat(rows(token)).isZero();
      assertThat(blobs.exists(blob)).isFalse();
    }
  }

  @Test
  void expiry_answers404_andTheSweeperRemovesRowAndBlob() throws Exception {
    try (ShareHttp http = new ShareHttp(port)) {
      String token =
          http.created("brief.txt", content("brief"), ShareHttp.fields("expiresIn", "60"))
              .get("token")
              .asString();
      BlobId blob = blobOf(token);
      assertThat(http.metadata(token).statusCode()).isEqualTo(200);
      clock.advance(Duration.ofSeconds(61));
      assertThat(http.metadata(token).statusCode()).isEqualTo(404);
      assertThat(http.download(token, null).statusCode()).isEqualTo(404);
      // The API keeps its 404; the landing page tells the link holder the link ended (410).
      assertThat(http.get("/s/" + token, ShareHttp.BROWSER).statusCode()).isEqualTo(410);
      assertThat(rows(token)).isOne();
      sweeper.sweep();
      assertThat(rows(token)).isZero();
      assertThat(blobs.exists(blob)).isFalse();
    }
  }

  @Test
  void sweeper_removesBlobsOfAbandonedUploads_only() throws Exception {
    try (ShareHttp http = new ShareHttp(port)) {
      String token =
          http.created("kept.txt", content("kept"), ShareHttp.fields("expiresIn", "172800"))
              .get("token")
              .asString();
      BlobId kept = blobOf(token);
      BlobId foreign = BlobId.random();
      BlobId orphan;
      // An upload whose node died after the blob was stored: pending, never published.
      NewObject abandoned = objects.create("shares", Long.MAX_VALUE);
      abandoned.ciphertext().write(new byte[] {1, 2, 3});
      abandoned.commit();
      orphan = abandoned.id();
      blobs.put(foreign, new ByteArrayInputStream(new byte[] {4, 5, 6}));
      clock.advance(Duration.ofHours(23));
      sweeper.sweep();
      assertThat(blobs.exists(orphan)).isTrue();
      clock.advance(Duration.ofHours(2));
      sweeper.sweep();
      assertThat(blobs.exists(orphan)).isFalse();
      assertThat(
              jdbc.sql("SELECT COUNT(*) FROM stored_objects WHERE blob_id = ?")
                  .param(orphan.value())
                  .query(Integer.class)
                  .single())
          .isZero();
      // Another feature's blob is not ours to sweep.
      assertThat(blobs.exists(foreign)).isTrue();
      blobs.delete(foreign);
      // A published share is not abandoned: it lives until it expires (two days).
      assertThat(blobs.exists(kept)).isTrue();
    }
  }

  @Test
  void revoke_wrongToken403_rightToken204() throws Exception {
    try (ShareHttp http = new ShareHttp(port)) {
      JsonNode created = http.created("rev.txt", content("rev"), Map.of());
      String token = created.get("token").asString();
      BlobId blob = blobOf(token);
      assertThat(http.delete(token, "wrong-revoke-token", null).statusCode()).isEqualTo(403);
      assertThat(http.delete(token, null, null).statusCode()).isEqualTo(403);
      assertThat(http.metadata(token).statusCode()).isEqualTo(200);
      assertThat(http.delete(token, created.get("revokeToken").asString(), null).statusCode())
          .isEqualTo(204);
      assertThat(http.metadata(token).statusCode()).isEqualTo(404);
      assertThat(http.delete(token, created.get("revokeToken").asString(), null).statusCode())
          .isEqualTo(404);
      assertThat(blobs.exists(blob)).isFalse();
    }
  }

  @Test
  void unknownAndMalformedTokens_are404() throws Exception {
    try (ShareHttp http = new ShareHttp(port)) {
      String token = http.created("x.txt", content("x"), Map.of()).get("token").asString();
      // Right id, wrong secret.
      String forged = token.substring(0, 22) + "A".repeat(42) + "A";
      assertThat(http.metadata(forged).statusCode()).isEqualTo(404);
      assertThat(http.download(forged, null).statusCode()).isEqualTo(404);
      assertThat(http.metadata("nope").statusCode()).isEqualTo(404);
      assertThat(http.metadata(token).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void badFields_are400_tooLarge_is413_andNothingIsLeft() throws Exception {
    try (ShareHttp http = new ShareHttp(port)) {
      long blobsBefore = blobCount();
      assertThat(
              http.create("a", content("a"), ShareHttp.fields("expiresIn", "soon"), null)
                  .statusCode())
          .isEqualTo(400);
      assertThat(
              http.create("a", content("a"), ShareHttp.fields("maxDownloads", "0"), null)
                  .statusCode())
          .isEqualTo(400);
      assertThat(
              http.create("a", content("a"), ShareHttp.fields("expiresIn", "99999999"), null)
                  .statusCode())
          .isEqualTo(400);
      // A bad field after the file: the stored blob is removed again.
      assertThat(
              http.create(
                      ShareHttp.multipart(
                          Map.of(), "a", content("a"), ShareHttp.fields("maxDownloads", "-3")),
                      null)
                  .statusCode())
          .isEqualTo(400);
      // The password must precede the file, since the key depends on it.
      assertThat(
              http.create(
                      ShareHttp.multipart(
                          Map.of(), "a", content("a"), ShareHttp.fields("password", "late")),
                      null)
                  .statusCode())
          .isEqualTo(400);
      byte[] big = new byte[65 * 1024];
      HttpResponse<String> tooLarge = http.create("big", big, Map.of(), null);
      assertThat(tooLarge.statusCode()).isEqualTo(413);
      assertThat(blobCount()).isEqualTo(blobsBefore);
      assertThat(
              jdbc.sql("SELECT COUNT(*) FROM stored_objects WHERE state <> 'LIVE'")
                  .query(Integer.class)
                  .single())
          .isZero();
    }
  }

  @Test
  void hostileNames_areHarmlessInHeadersAndPages() throws Exception {
    try (ShareHttp http = new ShareHttp(port)) {
      String hostile = "../../evil 'q' <img src=x onerror=alert(1)>\u202Egnp.exe";
      JsonNode created = http.created(hostile, content("h"), Map.of());
      String name = created.get("name").asString();
      assertThat(name).isEqualTo("evil 'q' <img src=x onerror=alert(1)>gnp.exe");
      String token = created.get("token").asString();

      HttpResponse<String> page = http.get("/s/" + token, ShareHttp.BROWSER);
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).doesNotContain("<img src=x").contains("&lt;img src=x");
      assertThat(page.body()).doesNotContain("\u202E");

      HttpResponse<byte[]> file = http.download(token, null);
      String disposition = file.headers().firstValue("Content-Disposition").orElseThrow();
      assertThat(disposition).doesNotContain("\r").doesNotContain("\n").startsWith("attachment;");
      // The header parses back to exactly the sanitised name: no quote broke out of it.
      assertThat(org.springframework.http.ContentDisposition.parse(disposition).getFilename())
          .isEqualTo(name);
      assertThat(file.headers().firstValue("Content-Security-Policy").orElseThrow())
          .contains("sandbox");
    }
  }

  @Test
  void accountDeletion_deletesTheUsersShares() throws Exception {
    try (ShareHttp http = new ShareHttp(port)) {
      String email = uniqueEmail();
      Account account = accounts.createUser(email, PASSWORD, Role.MEMBER, null, null);
      String bearer = http.bearer(email, PASSWORD);
      HttpResponse<String> created = http.create("mine.txt", content("mine"), Map.of(), bearer);
      String token = http.json(created).get("token").asString();
      BlobId blob = blobOf(token);
      accounts.deleteUser(account.id(), "admin", "127.0.0.1");
      assertThat(rows(token)).isZero();
      assertThat(blobs.exists(blob)).isFalse();
      assertThat(http.metadata(token).statusCode()).isEqualTo(404);
    }
  }

  private long blobCount() throws Exception {
    return blobs.list(null, BlobStore.MAX_PAGE_SIZE).size();
  }

  private JsonNode problem(ShareHttp http, HttpResponse<byte[]> response) {
    return tools.jackson.databind.json.JsonMapper.builder()
        .build()
        .readTree(new String(response.body(), StandardCharsets.UTF_8));
  }

  private int rows(String token) {
    return jdbc.sql("SELECT COUNT(*) FROM shares WHERE id = ?")
        .param(token.substring(0, 22))
        .query(Integer.class)
        .single();
  }

  private BlobId blobOf(String token) {
    return BlobId.parse(
        jdbc.sql("SELECT blob_id FROM shares WHERE id = ?")
            .param(token.substring(0, 22))
            .query(String.class)
            .single());
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
