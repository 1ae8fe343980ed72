package io.vaultdrop.shares;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.shares.internal.PendingShare;
import io.vaultdrop.shares.internal.ShareService;
import io.vaultdrop.testsupport.SessionCookies;
import jakarta.servlet.http.Cookie;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The browser pages: landing page form posts, CSRF, the no-JS upload, the owner's list. */
@SpringBootTest(properties = "vaultdrop.scheduling.enabled=false")
@AutoConfigureMockMvc
@Import(AccountsWebTestSupport.ClockConfig.class)
class SharePagesTest extends AccountsWebTestSupport {

  @Autowired MockMvc mvc;
  @Autowired ShareService shares;
  @Autowired AccountService accounts;

  private ShareLinks.CreatedLink share(
      String name, String content, Map<String, List<String>> before, String owner)
      throws Exception {
    String password = before.getOrDefault("password", List.of()).stream().findFirst().orElse(null);
    try (PendingShare pending = shares.begin(password)) {
      pending.add(
          name, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), Long.MAX_VALUE);
      return shares.publish(pending, ShareLinks.Options.defaults(), owner);
    }
  }

  /** The result page's revoke form (no JavaScript): the revoke token revokes, anything else not. */
  @Test
  void revokeForm_withTheRevokeToken_revokes_andTheLandingPageSaysSo() throws Exception {
    ShareLinks.CreatedLink link = share("revoke.txt", "to revoke", Map.of(), null);
    String token = link.token();
    mvc.perform(post("/s/" + token + "/revoke").param("revokeToken", link.revokeToken()))
        .andExpect(status().isForbidden()); // no CSRF token
    mvc.perform(post("/s/" + token + "/revoke").with(csrf()).param("revokeToken", "wrong"))
        .andExpect(status().isForbidden());
    mvc.perform(get("/s/" + token)).andExpect(status().isOk());

    mvc.perform(
            post("/s/" + token + "/revoke").with(csrf()).param("revokeToken", link.revokeToken()))
        .andExpect(status().isFound())
        .andExpect(header().string("Location", "/s/" + token));
    String ended =
        mvc.perform(get("/s/" + token))
            .andExpect(status().isGone())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(ended).contains("This link was revoked");
  }

  @Test
  void landingPage_wrongPasswordRendersThePageWith401_rightPasswordDownloads() throws Exception {
    String token =
        share("page.txt", "page content", Map.of("password", List.of("pw pw")), null).token();
    String page =
        mvc.perform(get("/s/" + token))
            .andExpect(status().isOk())
            .andExpect(header().string("X-Robots-Tag", "noindex, nofollow"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(page).contains("page.txt").contains("name=\"password\"").contains("<svg");

    // Without the CSRF token the form post is refused and consumes nothing.
    mvc.perform(post("/s/" + token + "/download").param("password", "pw pw"))
        .andExpect(status().isForbidden());

    String wrong =
        mvc.perform(post("/s/" + token + "/download").with(csrf()).param("password", "nope"))
            .andExpect(status().isUnauthorized())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(wrong).contains("The password is wrong. Attempts left: 4.");

    MvcResult started =
        mvc.perform(post("/s/" + token + "/download").with(csrf()).param("password", "pw pw"))
            .andReturn();
    MvcResult done = mvc.perform(asyncDispatch(started)).andExpect(status().isOk()).andReturn();
    assertThat(done.getResponse().getContentAsString()).isEqualTo("page content");
    assertThat(done.getResponse().getHeader("Content-Disposition")).contains("page.txt");

    mvc.perform(get("/s/" + token)).andExpect(status().isGone());
  }

  @Test
  void landingPageForm_theFifthWrongPassword_answersTheLockedPage_andAnUnknownLinkA404()
      throws Exception {
    String token = share("lock.txt", "lock", Map.of("password", List.of("right")), null).token();
    for (int i = 0; i < 4; i++) {
      mvc.perform(post("/s/" + token + "/download").with(csrf()).param("password", "wrong"))
          .andExpect(status().isUnauthorized());
    }
    String locked =
        mvc.perform(post("/s/" + token + "/download").with(csrf()).param("password", "wrong"))
            .andExpect(status().isGone())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(locked).contains("This link was locked").doesNotContain("lock.txt");
    String never = "C".repeat(22) + "A".repeat(43);
    mvc.perform(post("/s/" + never + "/download").with(csrf())).andExpect(status().isNotFound());
  }

  @Test
  void landingPageOfSeveralFiles_listsThem_andItsButtonsDownloadWithoutJavaScript()
      throws Exception {
    ShareLinks.CreatedLink created;
    try (PendingShare pending = shares.begin(null)) {
      pending.add("<i>first</i>.txt", new ByteArrayInputStream(bytes("one")), 1 << 20);
      pending.add("second.bin", new ByteArrayInputStream(new byte[2048]), 1 << 20);
      created = shares.publish(pending, new ShareLinks.Options(null, 3L, null), (String) null);
    }
    String token = created.token();
    String page =
        mvc.perform(get("/s/" + token))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    // Both files with their sizes, escaped; one POST form (with its CSRF token) whose default
    // button downloads the zip and whose file buttons send file=N.
    assertThat(page)
        .contains("Shared files")
        .contains("&lt;i&gt;first&lt;/i&gt;.txt")
        .doesNotContain("<i>first")
        .contains("second.bin")
        .contains("3 B")
        .contains("2 KB")
        .contains("Download all (zip)")
        .contains("name=\"_csrf\"")
        .containsPattern("<form id=\"share-download\"[^>]*method=\"post\"")
        .containsPattern("name=\"file\"[^>]*value=\"1\"");
    assertThat(page.indexOf("share-download-all")).isLessThan(page.indexOf("name=\"file\""));

    // A GET never consumes; the buttons do, one download each. Each claims, then sends the
    // browser to the GET that serves the claim (see ShareBrowserResumeTest).
    String secondAt =
        mvc.perform(post("/s/" + token + "/download").with(csrf()).param("file", "1"))
            .andExpect(status().isSeeOther())
            .andReturn()
            .getResponse()
            .getHeader("Location");
    assertThat(secondAt).matches("/s/" + token + "/resume/[A-Za-z0-9_-]{43}\\?file=1");
    MvcResult second = mvc.perform(get(secondAt)).andReturn();
    MvcResult secondDone =
        mvc.perform(asyncDispatch(second)).andExpect(status().isOk()).andReturn();
    assertThat(secondDone.getResponse().getContentAsByteArray()).isEqualTo(new byte[2048]);
    assertThat(secondDone.getResponse().getHeader("Content-Disposition")).contains("second.bin");

    String allAt =
        mvc.perform(post("/s/" + token + "/download").with(csrf()))
            .andExpect(status().isSeeOther())
            .andReturn()
            .getResponse()
            .getHeader("Location");
    MvcResult all = mvc.perform(get(allAt)).andReturn();
    MvcResult allDone = mvc.perform(asyncDispatch(all)).andExpect(status().isOk()).andReturn();
    assertThat(allDone.getResponse().getContentType()).isEqualTo("application/zip");
    byte[] zip = allDone.getResponse().getContentAsByteArray();
    assertThat(allDone.getResponse().getHeader("Content-Length"))
        .isEqualTo(String.valueOf(zip.length));
    try (java.util.zip.ZipInputStream in =
        new java.util.zip.ZipInputStream(new ByteArrayInputStream(zip))) {
      assertThat(in.getNextEntry().getName()).isEqualTo("_i_first__i_.txt");
      assertThat(in.readAllBytes()).isEqualTo(bytes("one"));
      assertThat(in.getNextEntry().getName()).isEqualTo("second.bin");
      assertThat(in.readAllBytes()).isEqualTo(new byte[2048]);
      assertThat(in.getNextEntry()).isNull();
    }
    String last =
        mvc.perform(get("/s/" + token))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(last).containsPattern("id=\"share-left\">1<");
  }

  @Test
  void uploadOfSeveralFiles_withoutJavaScript_showsTheFileList() throws Exception {
    byte[] body =
        ShareHttp.multipartFiles(
            Map.of(), List.of(Map.entry("one.txt", bytes("1")), Map.entry("two.txt", bytes("22"))));
    String page =
        mvc.perform(
                post("/share")
                    .with(csrf())
                    .contentType("multipart/form-data; boundary=" + ShareHttp.BOUNDARY)
                    .accept("text/html")
                    .content(body))
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(page).contains("id=\"created-files\"").contains("one.txt").contains("two.txt");
    assertThat(mvc.perform(get("/share")).andReturn().getResponse().getContentAsString())
        .containsPattern("<input id=\"share-file\" name=\"file\" type=\"file\" multiple");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void noJsUpload_rendersTheLinkOnce_withQrCode() throws Exception {
    byte[] body =
        ShareHttp.multipart(
            ShareHttp.fields("expiresIn", "3600", "maxDownloads", "2"),
            "nojs.txt",
            "no script".getBytes(StandardCharsets.UTF_8),
            Map.of());
    String page =
        mvc.perform(
                post("/share")
                    .with(csrf())
                    .contentType("multipart/form-data; boundary=" + ShareHttp.BOUNDARY)
                    .accept("text/html")
                    .content(body))
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(page).contains("nojs.txt").contains("/s/").contains("<svg");

    String json =
        mvc.perform(
                post("/share")
                    .with(csrf())
                    .contentType("multipart/form-data; boundary=" + ShareHttp.BOUNDARY)
                    .accept("application/json")
                    .content(body))
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(json).contains("\"token\"").contains("\"revokeToken\"").contains("\"url\"");

    // A bad field from the JS uploader comes back as problem+json.
    byte[] bad =
        ShareHttp.multipart(
            ShareHttp.fields("maxDownloads", "many"),
            "bad.txt",
            "x".getBytes(StandardCharsets.UTF_8),
            Map.of());
    mvc.perform(
            post("/share")
                .with(csrf())
                .contentType("multipart/form-data; boundary=" + ShareHttp.BOUNDARY)
                .accept("application/json")
                .content(bad))
        .andExpect(status().isBadRequest())
        .andExpect(header().string("Content-Type", "application/problem+json"));
  }

  /**
   * The home page's share form creates no session, so it carries no CSRF token: posted without a
   * session it needs none (no signed-in authority to ride); with a session it does.
   */
  @Test
  void shareForm_withoutSession_needsNoCsrfToken_withSessionItDoes() throws Exception {
    byte[] body =
        ShareHttp.multipart(
            ShareHttp.fields("expiresIn", "3600"),
            "home.txt",
            "from the home page".getBytes(StandardCharsets.UTF_8),
            Map.of());
    String home =
        mvc.perform(get("/"))
            .andExpect(status().isOk())
            .andExpect(header().doesNotExist("Set-Cookie"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(home).contains("action=\"/share\"").doesNotContain("_csrf");
    mvc.perform(
            post("/share")
                .contentType("multipart/form-data; boundary=" + ShareHttp.BOUNDARY)
                .accept("application/json")
                .content(body))
        .andExpect(status().isCreated());

    // A visitor who has a session (the login page makes one) must send the token.
    jakarta.servlet.http.Cookie[] session =
        mvc.perform(get("/login")).andReturn().getResponse().getCookies();
    assertThat(session).isNotEmpty();
    mvc.perform(
            post("/share")
                .cookie(session)
                .contentType("multipart/form-data; boundary=" + ShareHttp.BOUNDARY)
                .accept("application/json")
                .content(body))
        .andExpect(status().isForbidden());
    String withSession =
        mvc.perform(get("/").cookie(session)).andReturn().getResponse().getContentAsString();
    assertThat(withSession).contains("/share?_csrf=");
  }

  @Test
  void myLinks_listsOwnSharesEscaped_andRevokes() throws Exception {
    String email = uniqueEmail();
    String userId = accounts.createUser(email, PASSWORD, Role.MEMBER, null, null).id();
    ShareLinks.CreatedLink mine = share("<b>mine</b>.txt", "m", Map.of(), userId);
    share("other.txt", "o", Map.of(), null);

    mvc.perform(get("/shares/mine")).andExpect(status().isFound());
    Cookie session = SessionCookies.signIn(mvc, email, PASSWORD);
    String page =
        mvc.perform(get("/shares/mine").cookie(session))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(page).contains("&lt;b&gt;mine&lt;/b&gt;.txt").doesNotContain("<b>mine");
    assertThat(page).doesNotContain("other.txt").doesNotContain(mine.token());

    mvc.perform(
            post("/shares/mine/" + mine.token().substring(0, 22) + "/revoke")
                .cookie(session)
                .with(csrf()))
        .andExpect(status().isFound());
    mvc.perform(get("/s/" + mine.token())).andExpect(status().isGone());
  }
}
