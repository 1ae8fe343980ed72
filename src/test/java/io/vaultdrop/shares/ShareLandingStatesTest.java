package io.vaultdrop.shares;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.objects.internal.ObjectSweeper;
import io.vaultdrop.testsupport.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The landing page of a link in each state, through the real server: available, password needed,
 * then used up, expired, revoked and locked (410, saying what happened, in English and Uzbek),
 * while a link that never existed stays a bare 404 and the API keeps answering 404 {@code
 * not_found}.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "vaultdrop.scheduling.enabled=false",
      "vaultdrop.shares.tombstone-retention=P30D",
      "vaultdrop.shares.rate-limits.anonymous-creates-per-hour=10000",
      "vaultdrop.shares.rate-limits.reads-per-minute=10000",
      "vaultdrop.shares.rate-limits.downloads-per-minute=10000"
    })
@Import(AccountsWebTestSupport.ClockConfig.class)
class ShareLandingStatesTest extends AccountsWebTestSupport {

  @LocalServerPort int port;
  @Autowired MutableClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired ObjectSweeper sweeper;

  private final HttpClient client = HttpClient.newHttpClient();

  private HttpResponse<String> page(String token, String language) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/s/" + token))
            .header("User-Agent", ShareHttp.BROWSER)
            .header("Accept-Language", language)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> api(String token, String language) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/shares/" + token))
            .header("Accept-Language", language)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** Status and visible text of the page in both languages, and the API's 404 with its detail. */
  private void assertEnded(
      ShareHttp http, String token, String english, String uzbek, String detail, String uzDetail)
      throws Exception {
    HttpResponse<String> en = page(token, "en");
    assertThat(en.statusCode()).isEqualTo(410);
    assertThat(en.body()).contains(english).contains("ask the sender for a new link");
    HttpResponse<String> uz = page(token, "uz");
    assertThat(uz.statusCode()).isEqualTo(410);
    assertThat(uz.body()).contains(uzbek).contains("joʻnatuvchidan yangi havola soʻrang");

    HttpResponse<String> problem = api(token, "en");
    assertThat(problem.statusCode()).isEqualTo(404);
    JsonNode body = http.json(problem);
    assertThat(body.get("code").asString()).isEqualTo("not_found");
    assertThat(body.get("title").asString()).isEqualTo("Not Found");
    assertThat(body.get("detail").asString()).isEqualTo(detail);
    JsonNode uzBody = http.json(api(token, "uz"));
    assertThat(uzBody.get("code").asString()).isEqualTo("not_found");
    assertThat(uzBody.get("title").asString()).isEqualTo("Topilmadi");
    assertThat(uzBody.get("detail").asString()).isEqualTo(uzDetail);
  }

  @Test
  void available_thenUsedUp_byTheLastDownload() throws Exception {
    try (ShareHttp http = new ShareHttp(port)) {
      String token =
          http.created("plan.txt", bytes("plan"), ShareHttp.fields("maxDownloads", "2"))
              .get("token")
              .asString();
      HttpResponse<String> en = page(token, "en");
      assertThat(en.statusCode()).isEqualTo(200);
      assertThat(en.body()).contains("plan.txt").contains("Downloads left").contains(">2<");
      assertThat(page(token, "uz").body()).contains("plan.txt").contains("Qolgan yuklab olishlar");

      assertThat(http.download(token, null).statusCode()).isEqualTo(200);
      assertThat(page(token, "en").body()).contains(">1<");
      assertThat(http.download(token, null).statusCode()).isEqualTo(200);
      assertEnded(
          http,
          token,
          "This link was used up",
          "Bu havoladan foydalanib boʻlingan",
          "This link was used up: every download it allowed was taken.",
          "Bu havoladan foydalanib boʻlingan: u ruxsat bergan barcha yuklab olishlar amalga"
              + " oshirildi.");
      assertThat(page(token, "en").body()).doesNotContain("plan.txt");
    }
  }

  @Test
  void passwordNeeded_thenLocked_afterFiveWrongPasswords() throws Exception {
    try (ShareHttp http = new ShareHttp(port)) {
      String token =
          http.created("pw.txt", bytes("pw"), ShareHttp.fields("password", "right one"))
              .get("token")
              .asString();
      HttpResponse<String> en = page(token, "en");
      assertThat(en.statusCode()).isEqualTo(200);
      assertThat(en.body()).contains("This link is protected by a password");
      assertThat(page(token, "uz").body()).contains("Bu havola parol bilan himoyalangan");

      HttpResponse<byte[]> wrong = http.download(token, "wrong");
      assertThat(wrong.statusCode()).isEqualTo(401);
      for (int i = 0; i < 4; i++) {
        http.download(token, "wrong");
      }
      assertEnded(
          http,
          token,
          "This link was locked",
          "Bu havola bloklangan",
          "This link was destroyed after too many wrong passwords.",
          "Bu havola juda koʻp notoʻgʻri parol kiritilgani uchun yoʻq qilingan.");
    }
  }

  @Test
  void revoked_byTheSender() throws Exception {
    try (ShareHttp http = new ShareHttp(port)) {
      JsonNode created = http.created("gone.txt", bytes("gone"), Map.of());
      String token = created.get("token").asString();
      assertThat(http.delete(token, created.get("revokeToken").asString(), null).statusCode())
          .isEqualTo(204);
      assertEnded(
          http,
          token,
          "This link was revoked",
          "Bu havola bekor qilingan",
          "This link was revoked by its sender.",
          "Bu havolani joʻnatuvchi bekor qilgan.");
    }
  }

  @Test
  void expired_beforeAndAfterTheSweep_thenTheTombstoneIsSweptAfterItsRetention() throws Exception {
    try (ShareHttp http = new ShareHttp(port)) {
      String token =
          http.created("late.txt", bytes("late"), ShareHttp.fields("expiresIn", "60"))
              .get("token")
              .asString();
      clock.advance(Duration.ofSeconds(61));
      // The row is still there: the state comes from it...
      assertEnded(
          http,
          token,
          "This link has expired",
          "Bu havolaning muddati tugagan",
          "This link has expired.",
          "Bu havolaning muddati tugagan.");
      sweeper.sweep();
      // ...and after the sweep from the tombstone.
      assertThat(tombstones()).extracting(row -> row.get("reason")).contains("expired");
      assertEnded(
          http,
          token,
          "This link has expired",
          "Bu havolaning muddati tugagan",
          "This link has expired.",
          "Bu havolaning muddati tugagan.");

      clock.advance(Duration.ofDays(30).plusMinutes(1));
      sweeper.sweep();
      HttpResponse<String> forgotten = page(token, "en");
      assertThat(forgotten.statusCode()).isEqualTo(404);
      assertThat(forgotten.body()).doesNotContain("expired");
      assertThat(api(token, "en").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void unknownAndMistypedLinks_stayAGeneric404_andTombstonesHoldNoToken() throws Exception {
    try (ShareHttp http = new ShareHttp(port)) {
      JsonNode created = http.created("secret.txt", bytes("secret"), Map.of());
      String token = created.get("token").asString();
      http.delete(token, created.get("revokeToken").asString(), null);

      // Same id, another secret: as unknown as a token that never existed.
      String mistyped = token.substring(0, 22) + "A".repeat(42) + "A";
      String never = "B".repeat(22) + "A".repeat(43);
      for (String other : List.of(mistyped, never)) {
        HttpResponse<String> response = page(other, "en");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body())
            .doesNotContain("revoked")
            .doesNotContain("used up")
            .doesNotContain("expired");
        HttpResponse<String> problem = api(other, "en");
        assertThat(problem.statusCode()).isEqualTo(404);
        assertThat(http.json(problem).get("detail")).isNull();
      }

      List<Map<String, Object>> rows = tombstones();
      assertThat(rows).isNotEmpty();
      for (Map<String, Object> row : rows) {
        for (Object value : row.values()) {
          String text = String.valueOf(value);
          assertThat(text).doesNotContain(token).doesNotContain(token.substring(0, 22));
          assertThat(token).doesNotContain(text);
        }
      }
    }
  }

  @Test
  void problemsOfTheApi_speakUzbek_withTheSameCode() throws Exception {
    try (ShareHttp http = new ShareHttp(port)) {
      byte[] body =
          ShareHttp.multipart(ShareHttp.fields("expiresIn", "0"), "a.txt", bytes("a"), Map.of());
      for (String language : List.of("en", "uz")) {
        HttpResponse<String> response =
            client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/shares"))
                    .header("Content-Type", "multipart/form-data; boundary=" + ShareHttp.BOUNDARY)
                    .header("Accept-Language", language)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow())
            .startsWith("application/problem+json");
        JsonNode problem = http.json(response);
        assertThat(problem.get("code").asString()).isEqualTo("invalid_request");
        if (language.equals("uz")) {
          assertThat(problem.get("title").asString()).isEqualTo("Notoʻgʻri soʻrov");
          assertThat(problem.get("detail").asString())
              .isEqualTo("expiresIn musbat butun son boʻlishi kerak.");
        } else {
          assertThat(problem.get("title").asString()).isEqualTo("Bad Request");
          assertThat(problem.get("detail").asString())
              .isEqualTo("expiresIn must be a positive whole number.");
        }
      }
    }
  }

  private List<Map<String, Object>> tombstones() {
    return jdbc
        .sql("SELECT token_verifier, reason, ended_at FROM share_tombstones")
        .query()
        .listOfRows()
        .stream()
        .map(
            row -> {
              Map<String, Object> lower = new java.util.LinkedHashMap<>();
              row.forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));
              return lower;
            })
        .toList();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
