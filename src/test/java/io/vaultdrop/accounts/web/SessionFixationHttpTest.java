package io.vaultdrop.accounts.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.accounts.Role;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Session fixation over real HTTP: the cookie a visitor had before login is dead after it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SessionFixationHttpTest extends AccountsWebTestSupport {

  private static final Pattern SESSION = Pattern.compile("vaultdrop_session=([^;]+)");
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  @LocalServerPort int port;
  @Autowired AccountService accounts;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void login_issuesANewSessionCookie_andTheOldOneAuthenticatesNothing() throws Exception {
    String email = uniqueEmail();
    accounts.createUser(email, PASSWORD, Role.MEMBER, null, null);

    HttpResponse<String> page = send(request("/login").GET().build());
    String anonymous = cookie(page);
    Matcher csrf = CSRF.matcher(page.body());
    assertThat(csrf.find()).as("login form carries a CSRF token").isTrue();

    String form =
        "email="
            + URLEncoder.encode(email, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
            + "&_csrf="
            + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
    HttpResponse<String> login =
        send(
            request("/login")
                .header("Cookie", "vaultdrop_session=" + anonymous)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());

    assertThat(login.statusCode()).isEqualTo(302);
    assertThat(login.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/account"));
    String authenticated = cookie(login);
    assertThat(authenticated).isNotEqualTo(anonymous);
    assertThat(login.headers().allValues("Set-Cookie"))
        .anySatisfy(c -> assertThat(c).contains("HttpOnly").containsIgnoringCase("SameSite=Lax"));

    assertThat(
            send(request("/account")
                    .header("Cookie", "vaultdrop_session=" + authenticated)
                    .GET()
                    .build())
                .statusCode())
        .isEqualTo(200);
    assertThat(
            send(request("/account")
                    .header("Cookie", "vaultdrop_session=" + anonymous)
                    .GET()
                    .build())
                .statusCode())
        .isEqualTo(302);
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String cookie(HttpResponse<?> response) {
    return response.headers().allValues("Set-Cookie").stream()
        .map(SESSION::matcher)
        .filter(Matcher::find)
        .map(m -> m.group(1))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no session cookie in " + response.headers()));
  }
}
