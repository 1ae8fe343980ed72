package io.vaultdrop.accounts.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.testsupport.FormLogin;
import io.vaultdrop.testsupport.MutableClock;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/**
 * Password reset by e-mail over real HTTP and a real SMTP server (GreenMail): the answer never
 * tells whether an address has an account, the link works once and within its hour, a weak password
 * does not use it up, and the new password ends every earlier web session and bearer token of the
 * account. Administrators can mail a user a link.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "vaultdrop.scheduling.enabled=false")
@Import(AccountsWebTestSupport.ClockConfig.class)
class PasswordResetTest extends AccountsWebTestSupport {

  private static final String NEW_PASSWORD = "a brand new passphrase";
  private static final Pattern RESET_LINK =
      Pattern.compile("https?://[^\\s]+/password-reset/confirm\\?token=([A-Za-z0-9_-]+)");

  @LocalServerPort int port;
  @Autowired AccountService accounts;
  @Autowired MutableClock clock;

  private final HttpClient client = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void resetLink_setsTheNewPassword_andEndsEverySessionAndTokenOfTheAccount() throws Exception {
    String email = verifiedUser();
    String bearer = bearer(email, PASSWORD);
    String session = FormLogin.post(client, base(), email, PASSWORD).session();
    assertThat(get("/api/v1/me", bearer).statusCode()).isEqualTo(200);
    assertThat(pageStatus("/account", session)).isEqualTo(200);

    assertThat(post("/api/v1/auth/password-reset", "{\"email\":\"" + email + "\"}").statusCode())
        .isEqualTo(202);
    String token = awaitResetTokens(email, 1).getFirst();

    HttpResponse<String> weak = confirm(token, "short");
    assertThat(weak.statusCode()).isEqualTo(400);
    assertThat(json.readTree(weak.body()).get("code").asString()).isEqualTo("weak_password");

    assertThat(confirm(token, NEW_PASSWORD).statusCode()).isEqualTo(200);

    assertThat(get("/api/v1/me", bearer).statusCode()).isEqualTo(401);
    assertThat(pageStatus("/account", session)).isEqualTo(302);
    assertThat(tokenStatus(email, PASSWORD)).isEqualTo(401);
    assertThat(tokenStatus(email, NEW_PASSWORD)).isEqualTo(200);
    HttpResponse<String> again = confirm(token, "yet another passphrase");
    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(json.readTree(again.body()).get("code").asString()).isEqualTo("invalid_token");
  }

  @Test
  void unknownAndUnverifiedAddresses_getTheSameAnswer_andNoMail() throws Exception {
    String unknown = uniqueEmail();
    String unverified = uniqueEmail();
    accounts.register(unverified, PASSWORD, "127.0.0.1");
    String control = verifiedUser();

    for (String email : List.of(unknown, unverified, control)) {
      HttpResponse<String> answer =
          post("/api/v1/auth/password-reset", "{\"email\":\"" + email + "\"}");
      assertThat(answer.statusCode()).isEqualTo(202);
      assertThat(answer.body()).isEmpty();
    }

    // One worker handles requests in order: once the control's mail is out, the others were
    // handled too.
    awaitResetTokens(control, 1);
    assertThat(resetTokens(unknown)).isEmpty();
    assertThat(resetTokens(unverified)).isEmpty();
  }

  @Test
  void expiredOrReplacedLinks_areRefused_andAnAddressGetsThreeMailsAnHour() throws Exception {
    String email = verifiedUser();
    post("/api/v1/auth/password-reset", "{\"email\":\"" + email + "\"}");
    String first = awaitResetTokens(email, 1).getFirst();
    post("/api/v1/auth/password-reset", "{\"email\":\"" + email + "\"}");
    awaitResetTokens(email, 2);
    assertThat(confirm(first, NEW_PASSWORD).statusCode()).isEqualTo(400);

    // The third mail of the hour goes out, the fourth does not.
    post("/api/v1/auth/password-reset", "{\"email\":\"" + email + "\"}");
    post("/api/v1/auth/password-reset", "{\"email\":\"" + email + "\"}");
    String control = verifiedUser();
    post("/api/v1/auth/password-reset", "{\"email\":\"" + control + "\"}");
    awaitResetTokens(control, 1);
    assertThat(resetTokens(email)).hasSize(3);

    // An hour later the newest link has expired, and the address may get a mail again.
    clock.advance(Duration.ofMinutes(61));
    assertThat(confirm(resetTokens(email).get(2), NEW_PASSWORD).statusCode()).isEqualTo(400);
    post("/api/v1/auth/password-reset", "{\"email\":\"" + email + "\"}");
    String fresh = awaitResetTokens(email, 4).get(3);
    assertThat(confirm(fresh, NEW_PASSWORD).statusCode()).isEqualTo(200);
  }

  @Test
  void malformedRequests_areA400() throws Exception {
    assertThat(post("/api/v1/auth/password-reset", "{}").statusCode()).isEqualTo(400);
    assertThat(post("/api/v1/auth/password-reset", "not json").statusCode()).isEqualTo(400);
    assertThat(post("/api/v1/auth/password-reset/confirm", "{\"token\":\"x\"}").statusCode())
        .isEqualTo(400);
    HttpResponse<String> garbage = confirm("not-a-token", NEW_PASSWORD);
    assertThat(garbage.statusCode()).isEqualTo(400);
    assertThat(json.readTree(garbage.body()).get("code").asString()).isEqualTo("invalid_token");
  }

  @Test
  void anAdministrator_mailsAUserAResetLink_aMemberMayNot() throws Exception {
    String admin = uniqueEmail();
    accounts.createUser(admin, PASSWORD, Role.ADMIN, null, null);
    String member = verifiedUser();
    String memberId =
        json.readTree(get("/api/v1/me", bearer(member, PASSWORD)).body()).get("id").asString();

    assertThat(
            post(
                    "/api/v1/admin/users/" + memberId + "/password-reset",
                    "",
                    bearer(member, PASSWORD))
                .statusCode())
        .isEqualTo(403);
    assertThat(
            post("/api/v1/admin/users/" + memberId + "/password-reset", "", bearer(admin, PASSWORD))
                .statusCode())
        .isEqualTo(202);
    String token = awaitResetTokens(member, 1).getFirst();
    assertThat(confirm(token, NEW_PASSWORD).statusCode()).isEqualTo(200);
    assertThat(tokenStatus(member, NEW_PASSWORD)).isEqualTo(200);
  }

  @Test
  void pages_requestAndConfirm_thenSignInWithTheNewPassword() throws Exception {
    String email = verifiedUser();
    String loginPage = getPage("/login", null).body();
    assertThat(loginPage).contains("href=\"/password-reset\"");
    HttpResponse<String> form = getPage("/password-reset", null);
    String cookie = FormLogin.sessionCookie(form);
    HttpResponse<String> sent =
        postForm("/password-reset", "email=" + enc(email) + "&_csrf=" + enc(csrf(form)), cookie);
    assertThat(sent.statusCode()).isEqualTo(302);
    assertThat(sent.headers().firstValue("Location").orElseThrow())
        .endsWith("/password-reset?sent");
    String token = awaitResetTokens(email, 1).getFirst();

    HttpResponse<String> confirmForm = getPage("/password-reset/confirm?token=" + token, cookie);
    assertThat(confirmForm.statusCode()).isEqualTo(200);
    HttpResponse<String> done =
        postForm(
            "/password-reset/confirm",
            "token="
                + enc(token)
                + "&password="
                + enc(NEW_PASSWORD)
                + "&_csrf="
                + enc(csrf(confirmForm)),
            cookie);
    assertThat(done.statusCode()).isEqualTo(302);
    assertThat(done.headers().firstValue("Location").orElseThrow())
        .endsWith("/login?passwordReset");
    assertThat(tokenStatus(email, NEW_PASSWORD)).isEqualTo(200);

    HttpResponse<String> used =
        postForm(
            "/password-reset/confirm",
            "token="
                + enc(token)
                + "&password="
                + enc(NEW_PASSWORD)
                + "&_csrf="
                + enc(csrf(confirmForm)),
            cookie);
    assertThat(used.statusCode()).isEqualTo(200);
    assertThat(used.body()).contains("This link does not work any more");
  }

  // ---- helpers ---------------------------------------------------------------------------

  private String verifiedUser() {
    String email = uniqueEmail();
    accounts.createUser(email, PASSWORD, Role.MEMBER, null, null);
    return email;
  }

  private List<String> awaitResetTokens(String email, int count) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    List<String> tokens = resetTokens(email);
    while (tokens.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(50);
      tokens = resetTokens(email);
    }
    assertThat(tokens).as("reset mails to " + email).hasSizeGreaterThanOrEqualTo(count);
    return tokens;
  }

  private static List<String> resetTokens(String email) {
    List<String> tokens = new ArrayList<>();
    for (MimeMessage message : smtp.getReceivedMessagesForDomain(email)) {
      Matcher link = RESET_LINK.matcher(GreenMailUtil.getBody(message).replace("=\r\n", ""));
      if (link.find()) {
        tokens.add(link.group(1));
      }
    }
    return tokens;
  }

  private HttpResponse<String> confirm(String token, String password) throws Exception {
    return post(
        "/api/v1/auth/password-reset/confirm",
        "{\"token\":\"" + token + "\",\"password\":\"" + password + "\"}");
  }

  private String bearer(String email, String password) throws Exception {
    HttpResponse<String> answer =
        post(
            "/api/v1/auth/token",
            "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    assertThat(answer.statusCode()).isEqualTo(200);
    return json.readTree(answer.body()).get("accessToken").asString();
  }

  private int tokenStatus(String email, String password) throws Exception {
    return post(
            "/api/v1/auth/token", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}")
        .statusCode();
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return post(path, body, null);
  }

  private HttpResponse<String> post(String path, String body, String bearer) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path, String bearer) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(base() + path))
            .header("Authorization", "Bearer " + bearer)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> getPage(String path, String session) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path));
    if (session != null) {
      request.header("Cookie", "vaultdrop_session=" + session);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private int pageStatus(String path, String session) throws Exception {
    return getPage(path, session).statusCode();
  }

  private HttpResponse<String> postForm(String path, String form, String session) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(base() + path))
            .header("Cookie", "vaultdrop_session=" + session)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String csrf(HttpResponse<String> page) {
    Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
    assertThat(csrf.find()).as("form carries a CSRF token").isTrue();
    return csrf.group(1);
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private String base() {
    return "http://localhost:" + port;
  }
}
