package io.vaultdrop.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The usual deployment: TLS ends at a reverse proxy, which talks plain HTTP to Vaultdrop, and the
 * public URL is https. Browsers must still get HSTS and a secure-only, host-locked session cookie.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:https-${random.uuid};DB_CLOSE_DELAY=-1",
      "vaultdrop.data-dir=target/https-test/data",
      "server.tomcat.basedir=target/https-test/tomcat",
      "vaultdrop.public-url=https://files.example.org"
    })
@AutoConfigureMockMvc
class HttpsDeploymentTest {

  @Autowired MockMvc mvc;
  @LocalServerPort int port;

  @Test
  void plainHttpFromTheProxy_stillCarriesHsts() throws Exception {
    mvc.perform(get("/"))
        .andExpect(
            header().string("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains"));
    mvc.perform(get("/api/v1/nope")).andExpect(header().exists("Strict-Transport-Security"));
  }

  @Test
  void sessionCookie_isHostLockedAndSecure() throws Exception {
    HttpResponse<String> login =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
    List<String> cookies = login.headers().allValues("Set-Cookie");
    assertThat(cookies).anySatisfy(cookie -> assertThat(cookie).startsWith("__Host-vaultdrop="));
    String session =
        cookies.stream().filter(c -> c.startsWith("__Host-vaultdrop=")).findFirst().orElseThrow();
    assertThat(session).contains("Path=/", "Secure", "HttpOnly").doesNotContain("Domain=");
  }

  @Test
  void languageAndLogoutCookies_areSecure_andRedirectsIgnoreTheHostHeader() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<String> page =
        client.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login?lang=uz"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    List<String> cookies = page.headers().allValues("Set-Cookie");
    assertThat(cookies)
        .anySatisfy(
            cookie ->
                assertThat(cookie).startsWith("vaultdrop-lang=").contains("Secure", "HttpOnly"));
    String session =
        cookies.stream()
            .filter(c -> c.startsWith("__Host-vaultdrop="))
            .findFirst()
            .orElseThrow()
            .split(";")[0];
    java.util.regex.Matcher csrf =
        java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
    assertThat(csrf.find()).isTrue();

    HttpResponse<String> logout =
        client.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/logout"))
                .header("Cookie", session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf.group(1)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(logout.statusCode()).isEqualTo(302);
    assertThat(logout.headers().firstValue("Location")).hasValue("/login?logout");
    assertThat(logout.headers().allValues("Set-Cookie"))
        .anySatisfy(
            cookie -> assertThat(cookie).startsWith("__Host-vaultdrop=").contains("Secure"));

    // A forged Host header never reaches a Location header.
    assertThat(rawGetLocation("/vault", "evil.example")).isEqualTo("/login");
  }

  private String rawGetLocation(String path, String host) throws Exception {
    try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
      socket
          .getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String response =
          new String(
              socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
      assertThat(response).startsWith("HTTP/1.1 302");
      return response
          .lines()
          .filter(line -> line.regionMatches(true, 0, "Location:", 0, 9))
          .map(line -> line.substring(9).strip())
          .findFirst()
          .orElseThrow();
    }
  }
}
