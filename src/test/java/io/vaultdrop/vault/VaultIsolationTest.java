package io.vaultdrop.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.vaultdrop.accounts.Account;
import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.testsupport.SessionCookies;
import jakarta.servlet.http.Cookie;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;

/**
 * Who may do what with a vault file: the owner, another member, an operator, an administrator, an
 * anonymous client and a signed-in member whose address is not verified, against every vault
 * endpoint of the API and of the pages, with the exact status each gets. Another user's file is
 * answered exactly like a file that does not exist, for every role, administrators included.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "vaultdrop.scheduling.enabled=false")
@AutoConfigureMockMvc
class VaultIsolationTest extends AccountsWebTestSupport {

  enum Who {
    OWNER,
    OTHER_MEMBER,
    OPERATOR,
    ADMIN,
    ANONYMOUS,
    UNVERIFIED
  }

  private static final String MISSING = "AAAAAAAAAAAAAAAAAAAAAA";
  private static final MediaType MULTIPART =
      MediaType.parseMediaType("multipart/form-data; boundary=" + VaultHttp.BOUNDARY);

  @LocalServerPort int port;
  @Autowired MockMvc mvc;
  @Autowired AccountService accounts;
  @Autowired JdbcClient jdbc;

  VaultHttp http;
  final Map<Who, String> tokens = new EnumMap<>(Who.class);
  final Map<Who, Account> users = new EnumMap<>(Who.class);
  byte[] content;
  String fileId;

  @BeforeEach
  void usersAndAFile() throws Exception {
    http = new VaultHttp(port);
    for (Who who : Who.values()) {
      if (who == Who.ANONYMOUS) {
        continue;
      }
      Role role =
          switch (who) {
            case OPERATOR -> Role.OPERATOR;
            case ADMIN -> Role.ADMIN;
            default -> Role.MEMBER;
          };
      String email = uniqueEmail();
      users.put(who, accounts.createUser(email, PASSWORD, role, null, null));
      tokens.put(who, http.token(email, PASSWORD));
    }
    // The address of this member stops counting as verified after the token was issued: every
    // request re-reads the account, so the token is the member's, unverified.
    jdbc.sql("UPDATE users SET email_verified = FALSE WHERE id = ?")
        .param(users.get(Who.UNVERIFIED).id())
        .update();
    content = VaultApiTest.random(4096);
    HttpResponse<String> created = http.upload(tokens.get(Who.OWNER), "owner.txt", content);
    assertThat(created.statusCode()).isEqualTo(201);
    fileId = VaultHttp.json(created.body()).get("id").asString();
  }

  // ------------------------------------------------------------------ API

  @Test
  void api_everyEndpoint_everyRole() throws Exception {
    List<String> failures = new ArrayList<>();
    for (Who who : Who.values()) {
      String token = tokens.get(who);
      boolean verified = who != Who.ANONYMOUS && who != Who.UNVERIFIED;
      int denied = who == Who.ANONYMOUS ? 401 : 403;

      HttpResponse<String> list = http.get("/api/v1/files", token);
      expect(failures, who, "GET /api/v1/files", list.statusCode(), verified ? 200 : denied);
      if (verified) {
        JsonNode files = VaultHttp.json(list.body());
        boolean listed = files.valueStream().anyMatch(f -> f.get("id").asString().equals(fileId));
        if (listed != (who == Who.OWNER)) {
          failures.add(who + ": list shows the owner's file = " + listed);
        }
      }
      expect(
          failures,
          who,
          "GET /api/v1/files/usage",
          http.get("/api/v1/files/usage", token).statusCode(),
          verified ? 200 : denied);
      expect(
          failures,
          who,
          "POST /api/v1/files",
          http.upload(token, who + ".txt", "mine".getBytes()).statusCode(),
          verified ? 201 : denied);

      int ownFile = who == Who.OWNER ? 200 : verified ? 404 : denied;
      apiOnFile(failures, who, "GET", "", ownFile);
      apiOnFile(failures, who, "GET", "/content", ownFile);
      apiOnFile(failures, who, "POST", "/share", who == Who.OWNER ? 201 : ownFile);

      int admin = who == Who.ADMIN ? 200 : denied;
      expect(
          failures,
          who,
          "GET /api/v1/admin/vault",
          http.get("/api/v1/admin/vault", token).statusCode(),
          admin);
      expect(
          failures,
          who,
          "POST /api/v1/admin/vault/rewrap-keys",
          http.postJson("/api/v1/admin/vault/rewrap-keys", token, null).statusCode(),
          admin);
    }
    // Deletion last: nobody but the owner can delete, and the file was intact until then.
    for (Who who : Who.values()) {
      if (who != Who.OWNER) {
        int expected = who == Who.ANONYMOUS ? 401 : who == Who.UNVERIFIED ? 403 : 404;
        apiOnFile(failures, who, "DELETE", "", expected);
      }
    }
    assertThat(http.bytes("/api/v1/files/" + fileId + "/content", tokens.get(Who.OWNER)).body())
        .isEqualTo(content);
    apiOnFile(failures, Who.OWNER, "DELETE", "", 204);
    assertThat(failures).isEmpty();
  }

  /** One call on the owner's file; a 404 must be the very answer for a missing file. */
  private void apiOnFile(List<String> failures, Who who, String method, String suffix, int status)
      throws Exception {
    String token = tokens.get(who);
    Response onFile = api(method, "/api/v1/files/" + fileId + suffix, token);
    expect(failures, who, method + " /api/v1/files/{id}" + suffix, onFile.status(), status);
    if (status == 404) {
      Response onMissing = api(method, "/api/v1/files/" + MISSING + suffix, token);
      // Equal but for the id in "instance" (the request path).
      if (onMissing.status() != 404
          || !onMissing
              .body()
              .replace(MISSING, "{id}")
              .equals(onFile.body().replace(fileId, "{id}"))) {
        failures.add(
            who
                + " "
                + method
                + suffix
                + ": another user's file differs from a missing one: "
                + onFile
                + " / "
                + onMissing);
      }
    }
  }

  private record Response(int status, String body) {}

  private Response api(String method, String path, String token) throws Exception {
    HttpResponse<String> response =
        switch (method) {
          case "GET" -> http.get(path, token);
          case "POST" -> http.postJson(path, token, "{}");
          case "DELETE" -> http.delete(path, token);
          default -> throw new IllegalArgumentException(method);
        };
    return new Response(response.statusCode(), response.body());
  }

  // ------------------------------------------------------------------ pages

  @Test
  void pages_everyEndpoint_everyRole() throws Exception {
    Map<Who, Page> pages = new EnumMap<>(Who.class);
    for (Who who : Who.values()) {
      pages.put(who, page(who));
    }
    List<String> failures = new ArrayList<>();
    for (Who who : Who.values()) {
      Page page = pages.get(who);
      boolean verified = who != Who.ANONYMOUS && who != Who.UNVERIFIED;
      String denied = who == Who.ANONYMOUS ? "login" : "403";

      expect(failures, who, "GET /vault", page.call(get("/vault")), verified ? "200" : denied);
      expect(
          failures,
          who,
          "POST /vault/files",
          page.call(
              post("/vault/files")
                  .contentType(MULTIPART)
                  .content(VaultHttp.multipart(who + ".txt", "page".getBytes()))),
          verified ? "redirect:/vault?uploaded" : denied);

      String onFile = who == Who.OWNER ? null : verified ? "404" : denied;
      pageOnFile(failures, who, page, "GET", "/content", onFile == null ? "200" : onFile);
      pageOnFile(failures, who, page, "POST", "/share", onFile == null ? "201" : onFile);

      expect(
          failures,
          who,
          "GET /admin/vault",
          page.call(get("/admin/vault")),
          who == Who.ADMIN ? "200" : denied);
      expect(
          failures,
          who,
          "POST /admin/vault/rewrap-keys",
          page.call(post("/admin/vault/rewrap-keys")),
          who == Who.ADMIN ? "redirect:/admin/vault" : denied);
    }
    for (Who who : Who.values()) {
      if (who != Who.OWNER) {
        String expected = who == Who.ANONYMOUS ? "login" : who == Who.UNVERIFIED ? "403" : "404";
        pageOnFile(failures, who, pages.get(who), "POST", "/delete", expected);
      }
    }
    Page owner = pages.get(Who.OWNER);
    MvcResult download = owner.perform(get("/vault/files/" + fileId + "/content"));
    assertThat(
            mvc.perform(asyncDispatch(download)).andReturn().getResponse().getContentAsByteArray())
        .isEqualTo(content);
    pageOnFile(failures, Who.OWNER, owner, "POST", "/delete", "redirect:/vault?deleted");
    assertThat(failures).isEmpty();
  }

  private void pageOnFile(
      List<String> failures, Who who, Page page, String method, String suffix, String expected)
      throws Exception {
    String path = "/vault/files/" + fileId + suffix;
    String outcome = page.call(method.equals("GET") ? get(path) : post(path));
    expect(failures, who, method + " /vault/files/{id}" + suffix, outcome, expected);
    if (expected.equals("404")) {
      String missingPath = "/vault/files/" + MISSING + suffix;
      MockHttpServletResponse onMissing =
          page.perform(method.equals("GET") ? get(missingPath) : post(missingPath)).getResponse();
      MockHttpServletResponse onFile =
          page.perform(method.equals("GET") ? get(path) : post(path)).getResponse();
      if (onMissing.getStatus() != 404
          || !String.valueOf(onMissing.getErrorMessage())
              .equals(String.valueOf(onFile.getErrorMessage()))
          || !onMissing.getContentAsString().equals(onFile.getContentAsString())) {
        failures.add(who + " " + path + ": another user's file differs from a missing one");
      }
    }
  }

  /** A browser of one role: a signed-in session, nothing, or an unverified member's login. */
  private Page page(Who who) throws Exception {
    if (who == Who.ANONYMOUS) {
      return new Page(null, null);
    }
    Account account = users.get(who);
    if (who == Who.UNVERIFIED) {
      // An unverified address cannot sign in through the form; this is the login it would have.
      long credentials =
          jdbc.sql("SELECT credentials_changed_at FROM users WHERE id = ?")
              .param(account.id())
              .query(Long.class)
              .single();
      CurrentUser user =
          new CurrentUser(
              account.id(), account.email(), account.role(), false, credentials, Instant.now());
      return new Page(
          null, UsernamePasswordAuthenticationToken.authenticated(user, null, user.authorities()));
    }
    Cookie session = SessionCookies.signIn(mvc, account.email(), PASSWORD);
    return new Page(session, null);
  }

  private final class Page {
    private final Cookie session;
    private final UsernamePasswordAuthenticationToken login;

    Page(Cookie session, UsernamePasswordAuthenticationToken login) {
      this.session = session;
      this.login = login;
    }

    MvcResult perform(MockHttpServletRequestBuilder request) throws Exception {
      request.with(csrf());
      if (session != null) {
        request.cookie(session);
      }
      if (login != null) {
        request.with(authentication(login));
      }
      return mvc.perform(request).andReturn();
    }

    /** "200", "404", "login" (sent to the login page) or "redirect:<target>". */
    String call(MockHttpServletRequestBuilder request) throws Exception {
      MockHttpServletResponse response = perform(request).getResponse();
      String location = response.getRedirectedUrl();
      if (response.getStatus() == 302 && location != null) {
        if (location.endsWith("/login")) {
          return "login";
        }
        return "redirect:" + location;
      }
      return String.valueOf(response.getStatus());
    }
  }

  private static void expect(
      List<String> failures, Who who, String call, Object actual, Object expected) {
    if (!String.valueOf(actual).equals(String.valueOf(expected))) {
      failures.add(who + " " + call + ": expected " + expected + " but was " + actual);
    }
  }
}
