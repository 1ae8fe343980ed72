package io.vaultdrop.shares;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.accounts.Role;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An instance without anonymous uploads, with small rate limits and the optional refusal of
 * non-browser agents on the landing page.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      // Scheduling stays on here: the sweeper's ShedLock proxy must start.
      "vaultdrop.anonymous-uploads=false",
      "vaultdrop.shares.block-non-browser-agents=true",
      "vaultdrop.shares.rate-limits.creates-per-hour=3",
      "vaultdrop.shares.rate-limits.reads-per-minute=4",
      "vaultdrop.shares.rate-limits.downloads-per-minute=50"
    })
class ShareRestrictionsTest extends AccountsWebTestSupport {

  @LocalServerPort int port;
  @Autowired AccountService accounts;

  @Test
  void anonymousCreate_is401_andTheUploadPageAsksForALogin() throws Exception {
    try (ShareHttp http = new ShareHttp(port)) {
      HttpResponse<String> response =
          http.create("a.txt", "a".getBytes(StandardCharsets.UTF_8), Map.of(), null);
      assertThat(response.statusCode()).isEqualTo(401);
      HttpResponse<String> page = http.get("/share", ShareHttp.BROWSER);
      assertThat(page.statusCode()).isEqualTo(302);
      assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }
  }

  @Test
  void signedInCreation_isRateLimitedPerAccount_andReadsPerAddress_andAgentsAreChecked()
      throws Exception {
    try (ShareHttp http = new ShareHttp(port)) {
      String email = uniqueEmail();
      accounts.createUser(email, PASSWORD, Role.MEMBER, null, null);
      String bearer = http.bearer(email, PASSWORD);
      byte[] data = "limited".getBytes(StandardCharsets.UTF_8);
      HttpResponse<String> first = http.create("l.txt", data, Map.of(), bearer);
      assertThat(first.statusCode()).isEqualTo(201);
      String token = http.json(first).get("token").asString();
      assertThat(http.create("l.txt", data, Map.of(), bearer).statusCode()).isEqualTo(201);
      assertThat(http.create("l.txt", data, Map.of(), bearer).statusCode()).isEqualTo(201);
      HttpResponse<String> limited = http.create("l.txt", data, Map.of(), bearer);
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After")).isPresent();

      // A script's User-Agent gets 406 on the landing page (no read budget used);
      // a browser's gets the page.
      assertThat(http.get("/s/" + token, "curl/8.5.0").statusCode()).isEqualTo(406);
      HttpResponse<String> noAgent =
          http.client()
              .send(
                  HttpRequest.newBuilder(http.uri("/s/" + token)).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(noAgent.statusCode()).isEqualTo(406);
      assertThat(http.get("/s/" + token, ShareHttp.BROWSER).statusCode()).isEqualTo(200);
      // Reads: budget of 4 per minute per address, the page view above used one.
      assertThat(http.metadata(token).statusCode()).isEqualTo(200);
      assertThat(http.metadata(token).statusCode()).isEqualTo(200);
      assertThat(http.metadata(token).statusCode()).isEqualTo(200);
      assertThat(http.metadata(token).statusCode()).isEqualTo(429);
      // Downloads have their own budget.
      assertThat(http.download(token, null).statusCode()).isEqualTo(200);
    }
  }
}
