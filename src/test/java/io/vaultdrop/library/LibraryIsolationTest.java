package io.vaultdrop.library;

import io.vaultdrop.accounts.Account;
import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.crypto.MasterKeyRing;
import io.vaultdrop.library.LibraryHttp.Caller;
import io.vaultdrop.library.internal.ooxml.OoxmlSamples;
import io.vaultdrop.testsupport.MutableClock;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Who may call what: the publishing operator, another operator, an administrator, a verified
 * member, an unverified member and an anonymous caller against every library endpoint, including
 * download links made for someone else. Any operator manages any document (the library is the
 * team's); members read; unverified accounts and anonymous callers get nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(AccountsWebTestSupport.ClockConfig.class)
@TestPropertySource(properties = "vaultdrop.scheduling.enabled=false")
class LibraryIsolationTest extends AccountsWebTestSupport {

  @LocalServerPort int port;
  @Autowired AccountService accounts;
  @Autowired MasterKeyRing ring;
  @Autowired JdbcClient jdbc;
  @Autowired MutableClock clock;

  LibraryHttp http;
  final Map<String, Caller> callers = new LinkedHashMap<>();
  final SoftAssertions soft = new SoftAssertions();

  @BeforeEach
  void actors() throws Exception {
    http = new LibraryHttp(port);
    callers.put("publisher", http.bearer(user(Role.OPERATOR).email(), PASSWORD));
    callers.put("other operator", http.bearer(user(Role.OPERATOR).email(), PASSWORD));
    callers.put("admin", http.bearer(user(Role.ADMIN).email(), PASSWORD));
    callers.put("member", http.bearer(user(Role.MEMBER).email(), PASSWORD));
    Account unverified = accounts.register(uniqueEmail(), PASSWORD, "127.0.0.1");
    Caller minted = LibraryHttp.mintedBearer(ring, jdbc, unverified.id(), clock);
    // The token itself is good: the account is signed in, only its address is unverified.
    HttpResponse<String> me = http.call("GET", "/api/v1/me", minted);
    soft.assertThat(me.statusCode()).isEqualTo(200);
    soft.assertThat(me.body()).contains("\"emailVerified\":false");
    callers.put("unverified", minted);
    callers.put("anonymous", Caller.ANONYMOUS);
  }

  @Test
  void everyRole_againstEveryEndpoint() throws Exception {
    String id = publish("publisher");
    byte[] docx = OoxmlSamples.docx("matrix").bytes();

    // publish
    expect(
        "POST /library",
        Map.of(
            "publisher",
            201,
            "other operator",
            201,
            "admin",
            201,
            "member",
            403,
            "unverified",
            403,
            "anonymous",
            401),
        c -> http.upload("POST", "/api/v1/library", c, "m.docx", docx));
    // list and read
    expect("GET /library", readers(200), c -> http.call("GET", "/api/v1/library", c));
    expect("GET /library/{id}", readers(200), c -> http.call("GET", "/api/v1/library/" + id, c));
    // links: everyone verified may make one for themselves
    expect(
        "POST /library/{id}/download-link",
        readers(200),
        c -> http.call("POST", "/api/v1/library/" + id + "/download-link", c));
    // a link works for its own user only
    Map<String, String> links = new LinkedHashMap<>();
    for (String name : new String[] {"publisher", "other operator", "admin", "member"}) {
      links.put(name, link(id, callers.get(name)));
    }
    for (Map.Entry<String, String> owner : links.entrySet()) {
      Map<String, Integer> expected = new LinkedHashMap<>();
      for (String name : callers.keySet()) {
        expected.put(
            name,
            name.equals(owner.getKey())
                ? 200
                : name.equals("anonymous") ? 401 : name.equals("unverified") ? 403 : 404);
      }
      expect("GET link of " + owner.getKey(), expected, c -> http.get(owner.getValue(), c));
    }
    // history
    expect(
        "GET /library/{id}/downloads",
        Map.of(
            "publisher",
            200,
            "other operator",
            200,
            "admin",
            200,
            "member",
            403,
            "unverified",
            403,
            "anonymous",
            401),
        c -> http.call("GET", "/api/v1/library/" + id + "/downloads", c));
    // subscription
    expect(
        "PUT /library/subscription",
        readers(204),
        c -> http.call("PUT", "/api/v1/library/subscription", c));
    expect(
        "GET /library/subscription",
        readers(200),
        c -> http.call("GET", "/api/v1/library/subscription", c));
    expect(
        "DELETE /library/subscription",
        readers(204),
        c -> http.call("DELETE", "/api/v1/library/subscription", c));
    // replace: any operator or administrator
    expect(
        "PUT /library/{id}",
        Map.of(
            "publisher",
            200,
            "other operator",
            200,
            "admin",
            200,
            "member",
            403,
            "unverified",
            403,
            "anonymous",
            401),
        c -> http.upload("PUT", "/api/v1/library/" + id, c, "r.docx", docx));
    // remove: each caller gets its own document to remove
    for (String name : callers.keySet()) {
      String target = publish("publisher");
      int expected =
          switch (name) {
            case "publisher", "other operator", "admin" -> 204;
            case "anonymous" -> 401;
            default -> 403;
          };
      HttpResponse<String> removed =
          http.call("DELETE", "/api/v1/library/" + target, callers.get(name));
      soft.assertThat(removed.statusCode())
          .as("DELETE /library/{id} as " + name)
          .isEqualTo(expected);
    }
    soft.assertAll();
  }

  @Test
  void refusals_carryTheirCodes() throws Exception {
    String id = publish("publisher");
    HttpResponse<String> unverified =
        http.call("GET", "/api/v1/library", callers.get("unverified"));
    soft.assertThat(unverified.body()).contains("\"code\":\"email_not_verified\"");
    HttpResponse<String> unverifiedLink =
        http.call("POST", "/api/v1/library/" + id + "/download-link", callers.get("unverified"));
    soft.assertThat(unverifiedLink.body()).contains("\"code\":\"email_not_verified\"");
    HttpResponse<String> member =
        http.upload(
            "POST",
            "/api/v1/library",
            callers.get("member"),
            "x.docx",
            OoxmlSamples.docx("x").bytes());
    soft.assertThat(member.body()).contains("\"code\":\"forbidden\"");
    HttpResponse<String> anonymous = http.call("GET", "/api/v1/library", Caller.ANONYMOUS);
    soft.assertThat(anonymous.body()).contains("\"code\":\"unauthorized\"");
    // Someone else's link and a link that never existed look the same.
    String link = link(id, callers.get("member"));
    HttpResponse<byte[]> foreign = http.get(link, callers.get("admin"));
    HttpResponse<byte[]> bogus =
        http.get(
            link.substring(0, link.lastIndexOf('/') + 1) + "eyJ4Ijoi..a.b.c", callers.get("admin"));
    soft.assertThat(withoutCorrelation(foreign.body())).isEqualTo(withoutCorrelation(bogus.body()));
    soft.assertAll();
  }

  // ------------------------------------------------------------------ helpers

  @FunctionalInterface
  interface Call {
    HttpResponse<?> send(Caller caller) throws Exception;
  }

  private void expect(String endpoint, Map<String, Integer> expected, Call call) throws Exception {
    for (Map.Entry<String, Caller> caller : callers.entrySet()) {
      Integer status = expected.get(caller.getKey());
      HttpResponse<?> response = call.send(caller.getValue());
      soft.assertThat(response.statusCode())
          .as(endpoint + " as " + caller.getKey())
          .isEqualTo(status);
    }
  }

  /** What every verified caller gets, while the unverified and anonymous are refused. */
  private static Map<String, Integer> readers(int status) {
    return Map.of(
        "publisher",
        status,
        "other operator",
        status,
        "admin",
        status,
        "member",
        status,
        "unverified",
        403,
        "anonymous",
        401);
  }

  private String publish(String who) throws Exception {
    HttpResponse<String> created =
        http.upload(
            "POST",
            "/api/v1/library",
            callers.get(who),
            "doc.docx",
            OoxmlSamples.docx(who).bytes());
    if (created.statusCode() != 201) {
      throw new AssertionError("publish failed: " + created.body());
    }
    return LibraryHttp.json(created.body()).get("id").asString();
  }

  private String link(String id, Caller caller) throws Exception {
    return LibraryHttp.json(
            http.call("POST", "/api/v1/library/" + id + "/download-link", caller).body())
        .get("download-link")
        .asString();
  }

  private Account user(Role role) {
    return accounts.createUser(uniqueEmail(), PASSWORD, role, null, null);
  }

  private static String withoutCorrelation(byte[] body) {
    return new String(body, StandardCharsets.UTF_8)
        .replaceAll("\"(correlationId|instance)\":\"[^\"]*\",?", "");
  }
}
