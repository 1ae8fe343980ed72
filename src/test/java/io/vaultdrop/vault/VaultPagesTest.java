package io.vaultdrop.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.testsupport.SessionCookies;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The dashboard with a browser session: listing with usage, both upload styles, CSRF, problems
 * shown on the page, the share and delete forms, Uzbek texts, and the administrators' key page.
 */
@SpringBootTest(
    properties = {
      "vaultdrop.scheduling.enabled=false",
      "vaultdrop.vault.quota=64KB",
      "vaultdrop.vault.uploads-per-hour=4"
    })
@AutoConfigureMockMvc
class VaultPagesTest extends AccountsWebTestSupport {

  private static final MediaType MULTIPART =
      MediaType.parseMediaType("multipart/form-data; boundary=" + VaultHttp.BOUNDARY);

  @Autowired MockMvc mvc;
  @Autowired AccountService accounts;
  @Autowired JdbcClient jdbc;

  Cookie session;

  @BeforeEach
  void signIn() throws Exception {
    session = signedIn(Role.MEMBER);
  }

  @Test
  void dashboard_listsFilesWithUsage_andOffersUploadWithProgress() throws Exception {
    mvc.perform(get("/vault").cookie(session))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("id=\"vault-empty\"")))
        .andExpect(content().string(containsString("0 B of 64 KB used")))
        .andExpect(content().string(containsString("data-upload-progress")))
        .andExpect(content().string(containsString("data-dropzone")))
        .andExpect(content().string(containsString("href=\"/vault\"")));

    String id = uploadPlain("notes.txt", new byte[10 * 1024]);
    mvc.perform(get("/vault").cookie(session))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("data-file-id=\"" + id + "\"")))
        .andExpect(content().string(containsString("notes.txt")))
        .andExpect(content().string(containsString("10 KB of 64 KB used")))
        .andExpect(content().string(containsString("href=\"/vault/files/" + id + "/content\"")))
        .andExpect(content().string(containsString("action=\"/vault/files/" + id + "/delete\"")))
        .andExpect(content().string(containsString("action=\"/vault/files/" + id + "/share\"")));

    mvc.perform(get("/vault").cookie(session).header("Accept-Language", "uz"))
        .andExpect(content().string(containsString("Omborim")))
        .andExpect(content().string(containsString("64 KB dan 10 KB ishlatilgan")));
  }

  @Test
  void scriptUpload_getsJsonWithRedirect_andProblemJsonBeyondTheQuota() throws Exception {
    mvc.perform(upload("a.txt", new byte[100]).accept(MediaType.APPLICATION_JSON))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.redirect").value("/vault?uploaded"))
        .andExpect(jsonPath("$.name").value("a.txt"))
        .andExpect(jsonPath("$.size").value(100));
    mvc.perform(upload("big.bin", new byte[65 * 1024]).accept(MediaType.APPLICATION_JSON))
        .andExpect(status().isContentTooLarge())
        .andExpect(jsonPath("$.code").value("quota_exceeded"));
    mvc.perform(upload("big.bin", new byte[65 * 1024]))
        .andExpect(status().isContentTooLarge())
        .andExpect(content().string(containsString("does not fit into your vault")));
  }

  @Test
  void tooManyUploads_are429WithRetryAfter() throws Exception {
    for (int i = 0; i < 4; i++) {
      mvc.perform(upload("n" + i, new byte[1]).accept(MediaType.APPLICATION_JSON))
          .andExpect(status().isCreated());
    }
    mvc.perform(upload("n5", new byte[1]).accept(MediaType.APPLICATION_JSON))
        .andExpect(status().isTooManyRequests())
        .andExpect(header().exists("Retry-After"))
        .andExpect(jsonPath("$.code").value("rate_limited"));
  }

  @Test
  void uploadWithoutCsrf_isRefused() throws Exception {
    mvc.perform(
            post("/vault/files")
                .cookie(session)
                .contentType(MULTIPART)
                .content(VaultHttp.multipart("a.txt", new byte[] {1})))
        .andExpect(status().isForbidden());
    assertThat(jdbc.sql("SELECT COUNT(*) FROM vault_files").query(Long.class).single()).isZero();
  }

  @Test
  void shareForm_showsTheLinkOnce_andBadOptionsComeBackAsAProblem() throws Exception {
    String id = uploadPlain("photo.jpg", new byte[500]);
    mvc.perform(
            post("/vault/files/" + id + "/share")
                .cookie(session)
                .with(csrf())
                .param("expiresIn", "3600")
                .param("maxDownloads", "3")
                .param("password", ""))
        .andExpect(status().isCreated())
        .andExpect(content().string(containsString("id=\"vault-share-link\"")))
        .andExpect(content().string(containsString("/s/")))
        .andExpect(content().string(containsString("photo.jpg")))
        .andExpect(content().string(containsString("data-copy-target=\"vault-share-link\"")));
    mvc.perform(
            post("/vault/files/" + id + "/share")
                .cookie(session)
                .with(csrf())
                .param("expiresIn", "3600")
                .param("maxDownloads", "0"))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("maxDownloads must be a positive")));
  }

  @Test
  void deleteForm_asksFirst_thenDeletes() throws Exception {
    String id = uploadPlain("old.txt", new byte[5]);
    mvc.perform(get("/vault").cookie(session))
        .andExpect(content().string(containsString("Delete old.txt for good?")));
    mvc.perform(post("/vault/files/" + id + "/delete").cookie(session))
        .andExpect(status().isForbidden());
    mvc.perform(post("/vault/files/" + id + "/delete").cookie(session).with(csrf()))
        .andExpect(redirectedUrl("/vault?deleted"));
    mvc.perform(get("/vault").param("deleted", "").cookie(session))
        .andExpect(content().string(containsString("The file was deleted.")))
        .andExpect(content().string(not(containsString("data-file-id=\"" + id + "\""))));
  }

  @Test
  void download_isAnAttachment() throws Exception {
    String id = uploadPlain("page.html", "<script>alert(1)</script>".getBytes());
    mvc.perform(get("/vault/files/" + id + "/content").cookie(session))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Disposition", containsString("attachment;")))
        .andExpect(header().string("X-Content-Type-Options", "nosniff"))
        .andExpect(header().string("Content-Type", "application/octet-stream"))
        .andExpect(header().string("Content-Length", "25"));
  }

  @Test
  void adminPage_showsKeyStatus_andRewrapsOnThePost() throws Exception {
    Cookie admin = signedIn(Role.ADMIN);
    uploadPlain("k.txt", new byte[1]);
    mvc.perform(get("/admin/vault").cookie(admin))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("id=\"vault-primary-key\"")))
        .andExpect(content().string(containsString("action=\"/admin/vault/rewrap-keys\"")));
    mvc.perform(post("/admin/vault/rewrap-keys").cookie(admin).with(csrf()))
        .andExpect(redirectedUrl("/admin/vault"))
        .andExpect(flash().attributeExists("report"));
    mvc.perform(get("/admin/users").cookie(admin))
        .andExpect(content().string(containsString("href=\"/admin/vault\"")));
    mvc.perform(get("/admin/vault").cookie(session)).andExpect(status().isForbidden());
  }

  // ------------------------------------------------------------------ helpers

  private MockHttpServletRequestBuilder upload(String name, byte[] content) {
    return post("/vault/files")
        .cookie(session)
        .with(csrf())
        .contentType(MULTIPART)
        .content(VaultHttp.multipart(name, content));
  }

  /** A plain form post (no script); returns the new file's id. */
  private String uploadPlain(String name, byte[] content) throws Exception {
    mvc.perform(upload(name, content)).andExpect(redirectedUrl("/vault?uploaded"));
    return jdbc.sql("SELECT id FROM vault_files WHERE name = ? ORDER BY created_at DESC")
        .param(name)
        .query(String.class)
        .list()
        .getFirst();
  }

  private Cookie signedIn(Role role) throws Exception {
    String email = uniqueEmail();
    accounts.createUser(email, PASSWORD, role, null, null);
    Cookie s = SessionCookies.signIn(mvc, email, PASSWORD);
    return s;
  }
}
