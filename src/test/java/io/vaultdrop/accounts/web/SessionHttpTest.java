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
import org.apache.catalina.Container;
import org.apache.catalina.Context;
import org.apache.catalina.Manager;
import org.apache.catalina.Session;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

/**
 * Web sessions over real HTTP, in Tomcat's own session manager: fixation (the cookie a visitor had
 * before login is dead after it) and idle expiry.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SessionHttpTest extends AccountsWebTestSupport {

  @LocalServerPort int port;
  @Autowired AccountService accounts;
  @Autowired ServletWebServerApplicationContext context;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void login_issuesANewSessionCookie_andTheOldOneAuthenticatesNothing() throws Exception {
    FormLogin.Result login = logIn();

    assertThat(login.response().statusCode()).isEqualTo(302);
    assertThat(login.response().headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/account"));
    assertThat(login.session()).isNotEqualTo(login.anonymousSession());
    assertThat(login.response().headers().allValues("Set-Cookie"))
        .anySatisfy(c -> assertThat(c).contains("HttpOnly").containsIgnoringCase("SameSite=Lax"));

    assertThat(accountPage(login.session())).isEqualTo(200);
    assertThat(accountPage(login.anonymousSession())).isEqualTo(302);
  }

  /**
   * The configured idle timeout (30 minutes) is what Tomcat enforces on a signed-in session; once a
   * session has been idle longer than its limit, its cookie signs in nobody. The limit of this one
   * session is then shortened to one second, so that the test need not wait half an hour.
   */
  @Test
  void signedInSession_idleLongerThanItsTimeout_authenticatesNothing() throws Exception {
    FormLogin.Result login = logIn();
    assertThat(accountPage(login.session())).isEqualTo(200);

    Session session = sessions().findSession(login.session());
    assertThat(session).as("Tomcat holds the signed-in session").isNotNull();
    assertThat(session.getMaxInactiveInterval()).isEqualTo(30 * 60);

    session.setMaxInactiveInterval(1);
    Thread.sleep(1_500);

    assertThat(accountPage(login.session())).isEqualTo(302);
    assertThat(sessions().findSession(login.session())).isNull();
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

  private Manager sessions() {
    Container web =
        ((TomcatWebServer) context.getWebServer()).getTomcat().getHost().findChildren()[0];
    return ((Context) web).getManager();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
