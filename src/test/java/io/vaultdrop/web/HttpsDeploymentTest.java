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
}
