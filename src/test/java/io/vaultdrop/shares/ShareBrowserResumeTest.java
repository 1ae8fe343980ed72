package io.vaultdrop.shares;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.testsupport.MutableClock;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The landing page's download over real HTTP, as a browser sends it: the form post claims and
 * answers 303 to a GET carrying the resume token, and that GET serves the claim with an ETag and
 * Range, so a browser's download manager can resume it; a GET never claims. (Same configuration as
 * {@code ShareResumeTest}, so the two share a context.)
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
class ShareBrowserResumeTest extends AccountsWebTestSupport {

  /** Larger than loopback socket buffers, so dropping the connection really aborts the transfer. */
  private static final byte[] DATA = random(24 * 1024 * 1024);

  private static final Pattern LOCATION =
      Pattern.compile("/s/([A-Za-z0-9_-]{65})/resume/([A-Za-z0-9_-]{43})");

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired MutableClock clock;

  /**
   * A one-time link: the form post claims it and sends the browser on; the GET breaks off after 1
   * MiB and is resumed with Range and If-Range to the exact rest. One download was counted, and
   * once the transfer completed the link is used up (410, the used-up page).
   */
  @Test
  void formPost_redirectsToAGetServingTheClaim_whichResumesWithRangeAndIfRange() throws Exception {
    try (ShareHttp http = new ShareHttp(port)) {
      String token =
          http.created("big.bin", DATA, ShareHttp.fields("maxDownloads", "1"))
              .get("token")
              .asString();
      Browser browser = new Browser(http);
      HttpResponse<String> posted = browser.postDownload(token, Map.of());
      assertThat(posted.statusCode()).isEqualTo(303);
      assertThat(posted.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
      String location = posted.headers().firstValue("Location").orElseThrow();
      Matcher parts = LOCATION.matcher(location);
      assertThat(parts.matches()).as(location).isTrue();
      assertThat(parts.group(1)).isEqualTo(token);
      // Claimed: the link's one download is taken.
      assertThat(http.metadata(token).statusCode()).isEqualTo(404);

      HttpResponse<InputStream> first = browser.get(location, null, null);
      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(first.headers().firstValueAsLong("Content-Length")).hasValue(DATA.length);
      assertThat(first.headers().firstValue("Accept-Ranges")).hasValue("bytes");
      assertThat(first.headers().firstValue("Content-Disposition").orElseThrow())
          .startsWith("attachment")
          .contains("big.bin");
      String etag = first.headers().firstValue("ETag").orElseThrow();
      assertThat(etag).matches("\"[A-Za-z0-9_-]+\"").doesNotContain(parts.group(2));
      byte[] received;
      try (InputStream body = first.body()) {
        received = body.readNBytes(1 << 20);
      }
      assertThat(received).isEqualTo(Arrays.copyOf(DATA, 1 << 20));
      awaitNoTransferRunning(token);

      HttpResponse<InputStream> rest = browser.get(location, "bytes=1048576-", etag);
      assertThat(rest.statusCode()).isEqualTo(206);
      assertThat(rest.headers().firstValue("ETag")).hasValue(etag);
      assertThat(rest.headers().firstValue("Content-Range"))
          .hasValue("bytes 1048576-" + (DATA.length - 1) + "/" + DATA.length);
      try (InputStream body = rest.body()) {
        assertThat(body.readAllBytes()).isEqualTo(Arrays.copyOfRange(DATA, 1 << 20, DATA.length));
      }

      // Complete: the token is spent, the share gone, and the URL tells why (the landing rules).
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(() -> assertThat(inFlight(token)).isEmpty());
      HttpResponse<InputStream> after = browser.get(location, null, null);
      assertThat(after.statusCode()).isEqualTo(410);
      try (InputStream body = after.body()) {
        assertThat(new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
            .contains("This link was used up");
      }
    }
  }

  /**
   * The GET only serves a claim: it never takes a download (a wrong token, HEAD, a finished or an
   * expired token take nothing), and If-Range with another tag sends the whole file.
   */
  @Test
  void getNeverClaims_andServesOnlyALiveTokenOfItsOwnClaim() throws Exception {
    byte[] small = random(100_000);
    try (ShareHttp http = new ShareHttp(port)) {
      String token =
          http.created("small.bin", small, ShareHttp.fields("maxDownloads", "3"))
              .get("token")
              .asString();
      Browser browser = new Browser(http);
      String wrong = "/s/" + token + "/resume/" + "x".repeat(43);
      assertThat(browser.get(wrong, null, null).statusCode()).isEqualTo(404);
      String unknownLink = "/s/" + "C".repeat(22) + "A".repeat(43) + "/resume/" + "x".repeat(43);
      assertThat(browser.get(unknownLink, null, null).statusCode()).isEqualTo(404);
      assertThat(left(http, token)).isEqualTo(3);

      String location =
          browser.postDownload(token, Map.of()).headers().firstValue("Location").orElseThrow();
      assertThat(left(http, token)).isEqualTo(2);
      HttpResponse<Void> head =
          browser.client.send(
              HttpRequest.newBuilder(http.uri(location))
                  .method("HEAD", HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      assertThat(head.statusCode()).isEqualTo(405);
      assertThat(head.headers().firstValue("Allow")).hasValue("GET");

      // Another tag: the Range is ignored and the whole file sent, then the token is spent.
      HttpResponse<InputStream> whole = browser.get(location, "bytes=10-", "\"another\"");
      assertThat(whole.statusCode()).isEqualTo(200);
      try (InputStream body = whole.body()) {
        assertThat(body.readAllBytes()).isEqualTo(small);
      }
      awaitNoTransferRunning(token);
      assertThat(browser.get(location, null, null).statusCode()).isEqualTo(404);
      assertThat(left(http, token)).isEqualTo(2);

      // A token past the grace period serves nothing and takes nothing.
      String later =
          browser.postDownload(token, Map.of()).headers().firstValue("Location").orElseThrow();
      clock.advance(Duration.ofMinutes(15).plusSeconds(1));
      assertThat(browser.get(later, null, null).statusCode()).isEqualTo(404);
      assertThat(left(http, token)).isEqualTo(1);
    }
  }

  /** A share with a password is sent by the form post itself: a GET cannot carry the password. */
  @Test
  void passwordShare_isSentByTheFormPostAsBefore() throws Exception {
    byte[] small = random(10_000);
    try (ShareHttp http = new ShareHttp(port)) {
      String token =
          http.created("secret.bin", small, ShareHttp.fields("password", "correct horse battery"))
              .get("token")
              .asString();
      HttpResponse<String> posted =
          new Browser(http).postDownload(token, Map.of("password", "correct horse battery"));
      assertThat(posted.statusCode()).isEqualTo(200);
      assertThat(posted.headers().firstValue("Content-Disposition").orElseThrow())
          .contains("secret.bin");
    }
  }

  /** The access log names the route patterns, never the link or the resume token. */
  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void accessLog_namesTheRoutes_neverTheTokens(CapturedOutput log) throws Exception {
    try (ShareHttp http = new ShareHttp(port)) {
      String token =
          http.created("log.bin", random(1000), ShareHttp.fields("maxDownloads", "2"))
              .get("token")
              .asString();
      Browser browser = new Browser(http);
      String location =
          browser.postDownload(token, Map.of()).headers().firstValue("Location").orElseThrow();
      String resumeToken = location.substring(location.lastIndexOf('/') + 1);
      try (InputStream body = browser.get(location, null, null).body()) {
        body.readAllBytes();
      }
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(log.getOut())
                      .contains("POST /s/{token}/download 303 ")
                      .contains("GET /s/{token}/resume/{resumeToken} 200 "));
      assertThat(log.getAll())
          .doesNotContain(token)
          .doesNotContain(token.substring(22))
          .doesNotContain(resumeToken);
    }
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** Like a browser on the landing page: its cookies and CSRF token; redirects not followed. */
  private static final class Browser {
    private final ShareHttp http;
    private final HttpClient client =
        HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    Browser(ShareHttp http) {
      this.http = http;
    }

    HttpResponse<String> postDownload(String token, Map<String, String> fields) throws Exception {
      String page =
          client
              .send(
                  HttpRequest.newBuilder(http.uri("/s/" + token)).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      Matcher csrf = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(page);
      assertThat(csrf.find()).as("the landing page has a CSRF field").isTrue();
      StringBuilder form = new StringBuilder("_csrf=").append(csrf.group(1));
      fields.forEach(
          (k, v) ->
              form.append('&')
                  .append(k)
                  .append('=')
                  .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
      return client.send(
          HttpRequest.newBuilder(http.uri("/s/" + token + "/download"))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<InputStream> get(String path, @Nullable String range, @Nullable String ifRange)
        throws Exception {
      HttpRequest.Builder request = HttpRequest.newBuilder(http.uri(path)).GET();
      if (range != null) {
        request.header("Range", range);
      }
      if (ifRange != null) {
        request.header("If-Range", ifRange);
      }
      return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }
  }

  private int left(ShareHttp http, String token) throws Exception {
    return http.json(http.metadata(token)).get("downloadsLeft").asInt();
  }

  private Optional<Integer> inFlight(String token) {
    return jdbc.sql("SELECT in_flight FROM shares WHERE id = ?")
        .param(token.substring(0, 22))
        .query(Integer.class)
        .optional();
  }

  private void awaitNoTransferRunning(String token) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(inFlight(token)).hasValue(0));
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }
}
