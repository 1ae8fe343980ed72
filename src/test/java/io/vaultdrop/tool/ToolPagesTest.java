package io.vaultdrop.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.testsupport.SessionCookies;
import io.vaultdrop.tool.ToolHttp.Multipart;
import jakarta.mail.internet.MimeMessage;
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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The tool's pages with a browser session: login, CSRF, both upload styles, jobs list, mail. */
@SpringBootTest
@AutoConfigureMockMvc
class ToolPagesTest extends AccountsWebTestSupport {

  private static final MediaType MULTIPART =
      MediaType.parseMediaType("multipart/form-data; boundary=" + ToolHttp.BOUNDARY);

  @Autowired MockMvc mvc;
  @Autowired AccountService accounts;
  @Autowired JdbcClient jdbc;

  String email;
  Cookie session;

  @BeforeEach
  void signIn() throws Exception {
    email = uniqueEmail();
    session = signedIn(email);
  }

  @Test
  void anonymous_isSentToLogin() throws Exception {
    for (String page :
        List.of("/encrypt", "/secure-encrypt", "/decrypt", "/secure-decrypt", "/encrypt/x")) {
      mvc.perform(get(page)).andExpect(redirectedUrl("/login"));
    }
  }

  @Test
  void forms_offerAlgorithmsKeyModesAndProgress() throws Exception {
    mvc.perform(get("/secure-encrypt").cookie(session))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("value=\"CHACHA20_POLY1305\"")))
        .andExpect(content().string(containsString("value=\"AES_256_GCM\"")))
        .andExpect(content().string(containsString("value=\"SERVER_BOUND\"")))
        .andExpect(content().string(containsString("data-upload-progress")))
        .andExpect(content().string(containsString("My jobs")));
    mvc.perform(get("/secure-decrypt").cookie(session))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("name=\"enc\"")))
        .andExpect(content().string(containsString("name=\"key\"")));
    mvc.perform(get("/decrypt").cookie(session).header("Accept-Language", "uz"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Faylni deshifrlash")));
  }

  @Test
  void aJobThatIsGone_getsItsOwnPage_in404_inBothLanguages() throws Exception {
    String unknown = "0123456789abcdef0123456789abcdef";
    for (String path :
        List.of(
            "/encrypt/" + unknown,
            "/encrypt/" + unknown + "/key",
            "/encrypt/" + unknown + "/zip")) {
      mvc.perform(get(path).cookie(session))
          .andExpect(status().isNotFound())
          .andExpect(content().string(containsString("This job is gone")))
          .andExpect(content().string(containsString("both its files")))
          .andExpect(content().string(containsString("Encrypt the file again")));
    }
    mvc.perform(
            get("/decrypt/" + unknown + "/file").cookie(session).header("Accept-Language", "uz"))
        .andExpect(status().isNotFound())
        .andExpect(content().string(containsString("Bu vazifa endi mavjud emas")))
        .andExpect(content().string(containsString("Faylni qaytadan deshifrlash")));
  }

  @Test
  void plainFormPost_redirectsToTheResultPage_withSizesQrAndButtons() throws Exception {
    String location =
        mvc.perform(upload("/encrypt", new Multipart().field("algorithm", "AES_256_GCM")))
            .andExpect(status().isFound())
            .andExpect(redirectedUrlPattern("/encrypt/*"))
            .andReturn()
            .getResponse()
            .getRedirectedUrl();
    String id = location.substring("/encrypt/".length());

    mvc.perform(get(location).cookie(session))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("<svg")))
        .andExpect(content().string(containsString("Encrypted file")))
        .andExpect(content().string(containsString("Both as zip")))
        .andExpect(content().string(containsString("Send the key by e-mail")))
        .andExpect(content().string(containsString("href=\"/encrypt/" + id + "/enc\"")))
        .andExpect(content().string(containsString("href=\"/encrypt/" + id + "/key\"")));
    mvc.perform(get("/encrypt").cookie(session))
        .andExpect(content().string(containsString("data-job-id=\"" + id + "\"")))
        .andExpect(content().string(containsString("note.txt.enc")))
        .andExpect(content().string(containsString("note.txt.key")));
  }

  @Test
  void scriptUpload_getsJsonWithRedirect_andProblemJsonOnError() throws Exception {
    mvc.perform(
            upload("/secure-encrypt", new Multipart().field("keyMode", "SERVER_BOUND"))
                .accept(MediaType.APPLICATION_JSON))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.redirect").value(org.hamcrest.Matchers.startsWith("/encrypt/")))
        .andExpect(jsonPath("$.encUrl").value(org.hamcrest.Matchers.endsWith("/enc")));
    mvc.perform(
            upload("/encrypt", new Multipart().field("algorithm", "ROT13"))
                .accept(MediaType.APPLICATION_JSON))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("unsupported_algorithm"));
    mvc.perform(upload("/encrypt", new Multipart().field("algorithm", "ROT13")))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("CHACHA20_POLY1305 or AES_256_GCM")));
  }

  @Test
  void multipartPostWithoutCsrf_isRefused() throws Exception {
    mvc.perform(
            post("/encrypt")
                .cookie(session)
                .contentType(MULTIPART)
                .content(new Multipart().file("file", "a.txt", new byte[] {1}).bytes()))
        .andExpect(status().isForbidden());
    assertThat(jobCount()).isZero();
  }

  @Test
  void sendKeyByMail_goesToTheAccountAddress_andIsNotADownload() throws Exception {
    String id = encryptOnPage();
    mvc.perform(post("/encrypt/" + id + "/email").cookie(session).with(csrf()))
        .andExpect(redirectedUrl("/encrypt/" + id + "?mailed"));
    smtp.waitForIncomingEmail(5_000, 1);
    MimeMessage[] mails = smtp.getReceivedMessagesForDomain(email);
    assertThat(mails).hasSize(1);
    assertThat(GreenMailUtil.getBody(mails[0]).replace("=\r\n", ""))
        .contains("AGE-SECRET-KEY-1")
        .contains("note.txt.key");
    assertThat(
            jdbc.sql("SELECT key_downloaded FROM tool_jobs WHERE id = ?")
                .param(id)
                .query(Boolean.class)
                .single())
        .isFalse();
  }

  @Test
  void delete_removesOwnJob_otherUsersSee404() throws Exception {
    String id = encryptOnPage();
    Cookie other = signedIn(uniqueEmail());
    mvc.perform(get("/encrypt/" + id).cookie(other)).andExpect(status().isNotFound());
    mvc.perform(get("/encrypt/" + id + "/key").cookie(other)).andExpect(status().isNotFound());
    mvc.perform(post("/encrypt/" + id + "/delete").cookie(other).with(csrf()))
        .andExpect(status().isNotFound());
    mvc.perform(get("/encrypt").cookie(other)).andExpect(content().string(not(containsString(id))));
    assertThat(jobCount()).isEqualTo(1);

    mvc.perform(post("/encrypt/" + id + "/delete").cookie(session).with(csrf()))
        .andExpect(redirectedUrl("/encrypt?deleted"));
    assertThat(jobCount()).isZero();
    mvc.perform(get("/encrypt/" + id).cookie(session)).andExpect(status().isNotFound());
  }

  private String encryptOnPage() throws Exception {
    String location =
        mvc.perform(upload("/encrypt", new Multipart()))
            .andExpect(status().isFound())
            .andReturn()
            .getResponse()
            .getRedirectedUrl();
    return location.substring("/encrypt/".length());
  }

  private MockHttpServletRequestBuilder upload(String path, Multipart fields) {
    return post(path)
        .cookie(session)
        .with(csrf())
        .contentType(MULTIPART)
        .content(fields.file("file", "note.txt", ToolApiTest.content("page")).bytes());
  }

  private Cookie signedIn(String address) throws Exception {
    accounts.createUser(address, PASSWORD, Role.MEMBER, null, null);
    Cookie s = SessionCookies.signIn(mvc, address, PASSWORD);
    return s;
  }

  private long jobCount() {
    String owner =
        accounts.list().stream()
            .filter(a -> a.email().equals(email))
            .findFirst()
            .orElseThrow()
            .id();
    return jdbc.sql("SELECT COUNT(*) FROM tool_jobs WHERE owner_id = ?")
        .param(owner)
        .query(Long.class)
        .single();
  }
}
