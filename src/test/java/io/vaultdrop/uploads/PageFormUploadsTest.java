package io.vaultdrop.uploads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.library.internal.ooxml.OoxmlSamples;
import io.vaultdrop.testsupport.SessionCookies;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * What upload.js does on every page with a {@code data-upload-target} form, over the browser chain
 * (session and CSRF): a tus upload to {@code /uploads}, then the page's own form as multipart with
 * an {@code uploadId} field and no file part. Each page answers a failed create with its real
 * status, so the upload is released for another try (or, refused for good with 415, deleted).
 */
@SpringBootTest(
    properties = {
      "vaultdrop.scheduling.enabled=false",
      "vaultdrop.vault.quota=64KB",
      "vaultdrop.uploads.chunk-size=64KB"
    })
@AutoConfigureMockMvc
class PageFormUploadsTest extends AccountsWebTestSupport {

  private static final String BOUNDARY = "vaultdrop-page-form";

  @Autowired MockMvc mvc;
  @Autowired AccountService accounts;
  @Autowired JdbcClient jdbc;

  @Test
  void tusErrorsOnThePagesChain_areProblemJson() throws Exception {
    mvc.perform(
            post("/uploads")
                .with(csrf())
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", Long.toString(200L * 1024 * 1024 * 1024))
                .header("Upload-Metadata", metadata("huge.bin", "shares")))
        .andExpect(status().isPayloadTooLarge())
        .andExpect(header().string("Content-Type", "application/problem+json"))
        .andExpect(jsonPath("$.code").value("too_large"))
        .andExpect(jsonPath("$.detail").exists());
  }

  @Test
  void share_formNamingTheUpload_createsTheLink_afterARefusedTry() throws Exception {
    String id = tusUpload(null, new byte[100_000], "notes.txt", "shares");

    form("/share", null, Map.of("expiresIn", "99999999", "maxDownloads", "1"), id)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("invalid_request"));
    form("/share", null, Map.of("expiresIn", "3600", "maxDownloads", "1"), id)
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.link.name").value("notes.txt"))
        .andExpect(jsonPath("$.link.size").value(100_000))
        .andExpect(jsonPath("$.link.url").exists())
        .andExpect(jsonPath("$.qr").value(org.hamcrest.Matchers.startsWith("<svg")));
    form("/share", null, Map.of(), id).andExpect(status().isNotFound());
  }

  @Test
  void share_formNamingSeveralUploads_makesOneShareOfAllFiles() throws Exception {
    String first = tusUpload(null, new byte[40_000], "one.txt", "shares");
    String second = tusUpload(null, new byte[2_000], "two.txt", "shares");

    form("/share", null, Map.of("expiresIn", "3600", "maxDownloads", "1"), first, second)
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.link.size").value(42_000))
        .andExpect(jsonPath("$.link.files.length()").value(2))
        .andExpect(jsonPath("$.link.files[1].name").value("two.txt"));
    form("/share", null, Map.of(), second).andExpect(status().isNotFound());
  }

  @Test
  void capsule_formNamingTheUpload_givesTheKey() throws Exception {
    String id = tusUpload(null, new byte[5000], "sealed.bin", "capsules");

    form("/capsules", null, Map.of(), id)
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.jwe").exists());
    form("/capsules", null, Map.of(), id).andExpect(status().isNotFound());
  }

  @Test
  void encrypt_formNamingTheUpload_makesTheJob() throws Exception {
    Cookie member = signedIn(Role.MEMBER);
    String id = tusUpload(member, new byte[70_000], "plan.pdf", "encryptions");

    form("/encrypt", member, Map.of("algorithm", "ROT13"), id).andExpect(status().isBadRequest());
    form("/encrypt", member, Map.of("algorithm", "AES_256_GCM", "keyMode", "PORTABLE"), id)
        .andExpect(status().isCreated());
  }

  /** The vault form's body is a few hundred bytes: the quota must follow the upload, not it. */
  @Test
  void vault_formNamingTheUpload_storesIt_andAFullVaultReleasesIt() throws Exception {
    Cookie member = signedIn(Role.MEMBER);
    String first = tusUpload(member, new byte[30 * 1024], "first.bin", "files");
    String second = tusUpload(member, new byte[30 * 1024], "second.bin", "files");
    String third = tusUpload(member, new byte[30 * 1024], "third.bin", "files");

    form("/vault/files", member, Map.of(), first)
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.size").value(30 * 1024))
        .andExpect(jsonPath("$.redirect").value("/vault?uploaded"));
    form("/vault/files", member, Map.of(), second).andExpect(status().isCreated());
    form("/vault/files", member, Map.of(), third)
        .andExpect(status().isPayloadTooLarge())
        .andExpect(jsonPath("$.code").value("quota_exceeded"));

    String firstFile =
        jdbc.sql("SELECT id FROM vault_files WHERE name = 'first.bin'")
            .query(String.class)
            .single();
    mvc.perform(post("/vault/files/" + firstFile + "/delete").cookie(member).with(csrf()))
        .andExpect(status().is3xxRedirection());
    form("/vault/files", member, Map.of(), third).andExpect(status().isCreated());
  }

  @Test
  void library_formNamingTheUpload_publishes_andARefusedDocumentIsGone() throws Exception {
    Cookie operator = signedIn(Role.OPERATOR);
    String good = tusUpload(operator, OoxmlSamples.docx("Minutes").bytes(), "m.docx", "library");
    String macro = tusUpload(operator, OoxmlSamples.docm().bytes(), "macro.docx", "library");

    form("/library", operator, Map.of(), good)
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.redirect").value("/library?published"));
    form("/library", operator, Map.of(), macro).andExpect(status().isUnsupportedMediaType());
    form("/library", operator, Map.of(), macro).andExpect(status().isNotFound());
  }

  // ---- helpers ---------------------------------------------------------------------------

  /** POST + PATCH on /uploads with the session and a CSRF token, as tus-js-client does. */
  private String tusUpload(@Nullable Cookie session, byte[] content, String name, String target)
      throws Exception {
    MockHttpServletRequestBuilder create =
        post("/uploads")
            .with(csrf())
            .header("Tus-Resumable", "1.0.0")
            .header("Upload-Length", Integer.toString(content.length))
            .header("Upload-Metadata", metadata(name, target));
    String location =
        mvc.perform(session == null ? create : create.cookie(session))
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getHeader("Location");
    assertThat(location).startsWith("/uploads/");
    MockHttpServletRequestBuilder patch =
        request(HttpMethod.PATCH, location)
            .with(csrf())
            .header("Tus-Resumable", "1.0.0")
            .header("Upload-Offset", "0")
            .contentType("application/offset+octet-stream")
            .content(content);
    mvc.perform(session == null ? patch : patch.cookie(session))
        .andExpect(status().isNoContent())
        .andExpect(header().string("Upload-Offset", Integer.toString(content.length)));
    return location.substring(location.lastIndexOf('/') + 1);
  }

  /** The page's form as upload.js sends it: its fields, one uploadId per file, no file part. */
  private ResultActions form(
      String path, @Nullable Cookie session, Map<String, String> fields, String... uploadIds)
      throws Exception {
    List<Map.Entry<String, String>> all = new ArrayList<>(fields.entrySet());
    for (String uploadId : uploadIds) {
      all.add(Map.entry("uploadId", uploadId));
    }
    StringBuilder body = new StringBuilder();
    for (Map.Entry<String, String> field : all) {
      body.append("--")
          .append(BOUNDARY)
          .append("\r\nContent-Disposition: form-data; name=\"")
          .append(field.getKey())
          .append("\"\r\n\r\n")
          .append(field.getValue())
          .append("\r\n");
    }
    body.append("--").append(BOUNDARY).append("--\r\n");
    MockHttpServletRequestBuilder builder =
        post(path)
            .with(csrf())
            .accept(MediaType.APPLICATION_JSON)
            .contentType("multipart/form-data; boundary=" + BOUNDARY)
            .content(body.toString().getBytes(StandardCharsets.UTF_8));
    return mvc.perform(session == null ? builder : builder.cookie(session));
  }

  private static String metadata(String name, String target) {
    Base64.Encoder base64 = Base64.getEncoder();
    return "filename "
        + base64.encodeToString(name.getBytes(StandardCharsets.UTF_8))
        + ",target "
        + base64.encodeToString(target.getBytes(StandardCharsets.UTF_8));
  }

  private Cookie signedIn(Role role) throws Exception {
    String email = uniqueEmail();
    accounts.createUser(email, PASSWORD, role, null, null);
    Cookie session = SessionCookies.signIn(mvc, email, PASSWORD);
    return session;
  }
}
