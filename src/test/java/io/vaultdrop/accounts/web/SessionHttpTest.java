package io.vaultdrop.accounts.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.testsupport.FormLogin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Web sessions over real HTTP, in the database session store: fixation (the cookie a visitor had
 * before login is dead after it), idle expiry, logout, and what the stored row holds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SessionHttpTest extends AccountsWebTestSupport {

  @LocalServerPort int port;
  @Autowired AccountService accounts;
  @Autowired JdbcIndexedSessionRepository sessions;
  @Autowired JdbcClient jdbc;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void login_issuesANewSessionCookie_andTheOldOneAuthenticatesNothing() throws Exception {
    FormLogin.Result login = logIn();

    assertThat(login.response().statusCode()).isEqualTo(302);
    assertThat(login.response().headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/vault"));
    assertThat(login.session()).isNotEqualTo(login.anonymousSession());
    assertThat(login.response().headers().allValues("Set-Cookie"))
        .anySatisfy(c -> assertThat(c).contains("HttpOnly").containsIgnoringCase("SameSite=Lax"));

    assertThat(accountPage(login.session())).isEqualTo(200);
    assertThat(accountPage(login.anonymousSession())).isEqualTo(302);
  }

  /**
   * The configured idle timeout (30 minutes) is what the session store enforces on a signed-in
   * session; once a session has been idle longer than its limit, its cookie signs in nobody. The
   * limit of this one session is then shortened to one second, so that the test need not wait half
   * an hour.
   */
  @Test
  void signedInSession_idleLongerThanItsTimeout_authenticatesNothing() throws Exception {
    FormLogin.Result login = logIn();
    assertThat(accountPage(login.session())).isEqualTo(200);

    Session session = sessions.findById(idOf(login.session()));
    assertThat(session).as("the database holds the signed-in session").isNotNull();
    assertThat(session.getMaxInactiveInterval()).isEqualTo(Duration.ofMinutes(30));

    session.setMaxInactiveInterval(Duration.ofSeconds(1));
    save(session);
    Thread.sleep(1_500);

    assertThat(accountPage(login.session())).isEqualTo(302);
    assertThat(sessions.findById(idOf(login.session()))).isNull();
  }

  /** The stored row names the account by its id, never by its e-mail address. */
  @Test
  void signedInSession_isIndexedByTheAccountId() throws Exception {
    String email = uniqueEmail();
    String id = accounts.createUser(email, PASSWORD, Role.MEMBER, null, null).id();
    FormLogin.Result login = FormLogin.post(http, "http://127.0.0.1:" + port, email, PASSWORD);

    assertThat(
            jdbc.sql("SELECT PRINCIPAL_NAME FROM SPRING_SESSION WHERE SESSION_ID = ?")
                .param(idOf(login.session()))
                .query(String.class)
                .single())
        .isEqualTo(id);
    assertThat(sessions.findByPrincipalName(id)).containsOnlyKeys(idOf(login.session()));
  }

  /** Logging out deletes the stored session and expires the browser's cookie. */
  @Test
  void logout_deletesTheSession_andExpiresTheCookie() throws Exception {
    FormLogin.Result login = logIn();
    HttpResponse<String> account =
        send(request("/account").header("Cookie", "vaultdrop_session=" + login.session()).build());
    String csrf = FormLogin.csrfToken(account.body());

    HttpResponse<String> logout =
        send(
            request("/logout")
                .header("Cookie", "vaultdrop_session=" + login.session())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf))
                .build());

    assertThat(logout.statusCode()).isEqualTo(302);
    assertThat(logout.headers().allValues("Set-Cookie"))
        .anySatisfy(c -> assertThat(c).startsWith("vaultdrop_session=;").contains("Max-Age=0"));
    assertThat(sessions.findById(idOf(login.session()))).isNull();
    assertThat(accountPage(login.session())).isEqualTo(302);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void save(Session session) {
    ((SessionRepository) sessions).save(session);
  }

  /** The session id inside a cookie value (Spring Session writes it Base64-encoded). */
  private static String idOf(String cookieValue) {
    return new String(Base64.getDecoder().decode(cookieValue), StandardCharsets.UTF_8);
  }

  /** Creates a member and signs in as them through the login form. */
  private FormLogin.Result logIn() throws Exception {
    String email = uniqueEmail();
    accounts.createUser(email, PASSWORD, Role.MEMBER, null, null);
    return FormLogin.post(http, "http://127.0.0.1:" + port, email, PASSWORD);
  }

  private int accountPage(String sessionId) throws Exception {
    return send(request("/account")
            .header("Cookie", "vaultdrop_session=" + sessionId)
            .GET()
            .build())
        .statusCode();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
