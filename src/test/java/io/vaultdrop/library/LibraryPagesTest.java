package io.vaultdrop.library;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.library.internal.ooxml.OoxmlSamples;
import io.vaultdrop.testsupport.Eventually;
import io.vaultdrop.testsupport.SessionCookies;
import jakarta.servlet.http.Cookie;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The library pages with a browser session: who sees what, publishing with upload.js (JSON) and
 * without JavaScript, refusals on the page, the download button, the mail opt-in, removal and the
 * download history, in English and Uzbek.
 */
@SpringBootTest(properties = "vaultdrop.library.link-lifetime=PT5M")
@AutoConfigureMockMvc
class LibraryPagesTest extends AccountsWebTestSupport {

  private static final MediaType MULTIPART =
      MediaType.parseMediaType("multipart/form-data; boundary=" + LibraryHttp.BOUNDARY);

  @Autowired MockMvc mvc;
  @Autowired AccountService accounts;
  @Autowired JdbcClient jdbc;

  Cookie operator;
  Cookie member;
  private final java.util.Map<String, String> emails = new java.util.HashMap<>();

  @BeforeEach
  void signIn() throws Exception {
    operator = signedIn(Role.OPERATOR);
    member = signedIn(Role.MEMBER);
  }

  @Test
  void anonymous_isSentToLogin() throws Exception {
    for (String page : List.of("/library", "/library/x/downloads")) {
      mvc.perform(get(page)).andExpect(redirectedUrl("/login"));
    }
  }

  @Test
  void member_seesDocumentsAndOptIn_butNoManagement() throws Exception {
    String id = publishJson("Handbook.docx");
    mvc.perform(get("/library").cookie(member))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Handbook.docx")))
        .andExpect(content().string(containsString("id=\"library-subscribed\"")))
        .andExpect(content().string(containsString("/library/" + id + "/download")))
        .andExpect(content().string(containsString("works only for you, for 5 minutes")))
        .andExpect(content().string(not(containsString("library-publish-form"))))
        .andExpect(content().string(not(containsString("/library/" + id + "/delete"))));
    mvc.perform(get("/library").cookie(operator))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("library-publish-form")))
        .andExpect(content().string(containsString("data-dropzone")))
        .andExpect(content().string(containsString("data-upload-progress")))
        .andExpect(content().string(containsString("accept=\".docx,.xlsx,.pptx\"")))
        .andExpect(content().string(containsString("/library/" + id + "/delete")))
        .andExpect(content().string(containsString("/library/" + id + "/replace")));
    mvc.perform(get("/library").cookie(member).header("Accept-Language", "uz"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Kutubxona")))
        .andExpect(content().string(containsString("Yuklab olish")));
    // The layout links the library for signed-in visitors.
    mvc.perform(get("/account").cookie(member))
        .andExpect(content().string(containsString("href=\"/library\"")));
  }

  @Test
  void member_cannotManage() throws Exception {
    String id = publishJson("keep.docx");
    mvc.perform(upload("/library", member, "m.docx")).andExpect(status().isForbidden());
    mvc.perform(post("/library/" + id + "/delete").cookie(member).with(csrf()))
        .andExpect(status().isForbidden());
    mvc.perform(upload("/library/" + id + "/replace", member, "m.docx"))
        .andExpect(status().isForbidden());
    mvc.perform(get("/library/" + id + "/downloads").cookie(member))
        .andExpect(status().isForbidden());
  }

  @Test
  void publishWithoutJavaScript_redirects_andRefusalsRenderThePage() throws Exception {
    mvc.perform(upload("/library", operator, "Plain.xlsx", OoxmlSamples.xlsx("p").bytes()))
        .andExpect(status().isFound())
        .andExpect(redirectedUrl("/library?published"));
    mvc.perform(get("/library?published").cookie(operator))
        .andExpect(content().string(containsString("Plain.xlsx")))
        .andExpect(content().string(containsString("The document was published.")));

    mvc.perform(upload("/library", operator, "macro.docx", OoxmlSamples.docm().bytes()))
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(content().string(containsString("id=\"library-problem\"")))
        .andExpect(content().string(containsString("macro-enabled files are not accepted")));
    mvc.perform(
            upload("/library", operator, "macro.docx", OoxmlSamples.docm().bytes())
                .header("Accept", "application/json"))
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(header().string("Content-Type", startsWith("application/problem+json")))
        .andExpect(jsonPath("$.code").value("unsupported_file_type"))
        .andExpect(jsonPath("$.detail").value(containsString("macros")));
  }

  @Test
  void csrfIsRequired() throws Exception {
    mvc.perform(
            post("/library")
                .cookie(operator)
                .contentType(MULTIPART)
                .content(LibraryHttp.multipart("x.docx", OoxmlSamples.docx("x").bytes())))
        .andExpect(status().isForbidden());
    mvc.perform(post("/library/subscription").cookie(member).param("subscribed", "on"))
        .andExpect(status().isForbidden());
  }

  @Test
  void downloadButton_redirectsToALinkThatOpensWithTheSession() throws Exception {
    byte[] docx = OoxmlSamples.docx("button").bytes();
    String id = publish("Button.docx", docx);
    MvcResult redirect =
        mvc.perform(post("/library/" + id + "/download").cookie(member).with(csrf()))
            .andExpect(status().isSeeOther())
            .andReturn();
    String location = redirect.getResponse().getHeader("Location");
    org.assertj.core.api.Assertions.assertThat(location).startsWith("/api/v1/library/downloads/");
    MvcResult started = mvc.perform(get(location).cookie(member)).andReturn();
    mvc.perform(asyncDispatch(started))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Disposition", containsString("Button.docx")))
        .andExpect(content().bytes(docx));
    mvc.perform(get(location).cookie(operator)).andExpect(status().isNotFound());
    mvc.perform(get(location)).andExpect(status().isUnauthorized());
    mvc.perform(post("/library/" + missing() + "/download").cookie(member).with(csrf()))
        .andExpect(status().isNotFound());
  }

  @Test
  void optIn_isSavedFromTheCheckbox() throws Exception {
    mvc.perform(post("/library/subscription").cookie(member).with(csrf()).param("subscribed", "on"))
        .andExpect(redirectedUrl("/library?subscribed"));
    mvc.perform(get("/library").cookie(member))
        .andExpect(content().string(containsString("checked")));
    mvc.perform(post("/library/subscription").cookie(member).with(csrf()))
        .andExpect(redirectedUrl("/library?unsubscribed"));
    mvc.perform(get("/library?unsubscribed").cookie(member))
        .andExpect(content().string(containsString("no longer get e-mails")))
        .andExpect(content().string(not(containsString("checked=\"checked\""))));
  }

  @Test
  void replace_delete_andHistory_forOperators() throws Exception {
    String id = publish("Old name.docx", OoxmlSamples.docx("old").bytes());
    mvc.perform(
            upload(
                    "/library/" + id + "/replace",
                    operator,
                    "New name.pptx",
                    OoxmlSamples.pptx("new").bytes())
                .header("Accept", "application/json"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.redirect").value("/library?replaced"));
    mvc.perform(get("/library").cookie(member))
        .andExpect(content().string(containsString("New name.pptx")))
        .andExpect(content().string(not(containsString("Old name.docx"))));

    String location =
        mvc.perform(post("/library/" + id + "/download").cookie(member).with(csrf()))
            .andReturn()
            .getResponse()
            .getHeader("Location");
    mvc.perform(asyncDispatch(mvc.perform(get(location).cookie(member)).andReturn()))
        .andExpect(status().isOk());
    Eventually.eventually(
        () ->
            jdbc.sql("SELECT COUNT(*) FROM library_downloads WHERE document_id = ?")
                    .param(id)
                    .query(Long.class)
                    .single()
                == 1);
    mvc.perform(get("/library/" + id + "/downloads").cookie(operator))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("New name.pptx")))
        .andExpect(content().string(containsString(emailOf(member))));

    mvc.perform(post("/library/" + id + "/delete").cookie(operator).with(csrf()))
        .andExpect(redirectedUrl("/library?deleted"));
    mvc.perform(get("/library").cookie(operator))
        .andExpect(content().string(not(containsString("New name.pptx"))));
    mvc.perform(get("/library/" + id + "/downloads").cookie(operator))
        .andExpect(status().isNotFound());
  }

  // ------------------------------------------------------------------ helpers

  private String publishJson(String name) throws Exception {
    return publish(name, OoxmlSamples.docx(name).bytes());
  }

  private String publish(String name, byte[] content) throws Exception {
    mvc.perform(upload("/library", operator, name, content).header("Accept", "application/json"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.redirect").value("/library?published"));
    return jdbc.sql(
            "SELECT id FROM library_documents WHERE name = ? ORDER BY created_at DESC LIMIT 1")
        .param(name)
        .query(String.class)
        .single();
  }

  private MockHttpServletRequestBuilder upload(String path, Cookie session, String name) {
    return upload(path, session, name, OoxmlSamples.docx(name).bytes());
  }

  private MockHttpServletRequestBuilder upload(
      String path, Cookie session, String name, byte[] content) {
    return post(path)
        .cookie(session)
        .with(csrf())
        .contentType(MULTIPART)
        .content(LibraryHttp.multipart(name, content));
  }

  private Cookie signedIn(Role role) throws Exception {
    String email = uniqueEmail();
    accounts.createUser(email, PASSWORD, role, null, null);
    Cookie session = SessionCookies.signIn(mvc, email, PASSWORD);
    emails.put(session.getValue(), email);
    return session;
  }

  private String emailOf(Cookie session) {
    return emails.get(session.getValue());
  }

  private static String missing() {
    return java.util.UUID.randomUUID().toString();
  }
}
