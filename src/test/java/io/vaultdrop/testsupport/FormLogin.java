package io.vaultdrop.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signs in through the login form over real HTTP, as a browser does: fetch the form (an anonymous
 * session and its CSRF token), then post the credentials with that session.
 */
public final class FormLogin {

  private static final Pattern SESSION = Pattern.compile("vaultdrop_session=([^;]+)");
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  /**
   * @param anonymousSession the session cookie the login form was served with
   * @param response the answer to the form post (a redirect when the sign-in worked)
   */
  public record Result(String anonymousSession, HttpResponse<String> response) {

    /** The session cookie the sign-in set. */
    public String session() {
      return sessionCookie(response);
    }
  }

  private FormLogin() {}

  /** Posts the login form at {@code base} (e.g. {@code http://127.0.0.1:8080}). */
  public static Result post(HttpClient client, String base, String email, String password)
      throws Exception {
    HttpResponse<String> page =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    String anonymous = sessionCookie(page);
    String csrf = csrfToken(page.body());
    String form =
        "email="
            + URLEncoder.encode(email, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8)
            + "&_csrf="
            + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Cookie", "vaultdrop_session=" + anonymous)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return new Result(anonymous, response);
  }

  /** The CSRF token of the first form in {@code html}. */
  public static String csrfToken(String html) {
    Matcher csrf = CSRF.matcher(html);
    assertThat(csrf.find()).as("the page carries a CSRF token").isTrue();
    return csrf.group(1);
  }

  /** The {@code vaultdrop_session} cookie a response sets. */
  public static String sessionCookie(HttpResponse<?> response) {
    return response.headers().allValues("Set-Cookie").stream()
        .map(SESSION::matcher)
        .filter(Matcher::find)
        .map(m -> m.group(1))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no session cookie in " + response.headers()));
  }
}
