package io.vaultdrop.capsules.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.json.JsonMapper;

/** The /capsules page with and without JavaScript: create, open and delete by pasted JWE. */
class CapsulePagesTest extends CapsuleWebTestSupport {

  private static final String BOUNDARY = "capsule-page-boundary";

  /** The capsule key as the result shows it, in its own read-only field. */
  private static final Pattern JWE =
      Pattern.compile(
          "(?<=data-capsule-jwe>)[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"
              + "\\.[A-Za-z0-9_-]+");

  @Autowired MockMvc mvc;
  @Autowired JsonMapper json;

  @Test
  void page_showsTheCreateAndOpenForms() throws Exception {
    String html =
        mvc.perform(get("/capsules"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(html)
        .contains("data-capsule-create", "data-dropzone", "data-upload-progress")
        .contains("action=\"/capsules/open\"", "formaction=\"/capsules/delete\"")
        .contains("name=\"_csrf\"");
  }

  @Test
  void createWithJavaScript_thenOpenAndDeleteByForm() throws Exception {
    byte[] file = "hello capsule page".getBytes(StandardCharsets.UTF_8);
    String address = freshAddress();
    String body =
        mvc.perform(
                upload(file, address).with(csrf().asHeader()).accept(MediaType.APPLICATION_JSON))
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
    String jwe = json.readTree(body).get("jwe").asString();

    // The file streams asynchronously: wait for the async part before reading the body.
    MvcResult started = mvc.perform(form("/capsules/open", jwe, address)).andReturn();
    mvc.perform(asyncDispatch(started))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Length", String.valueOf(file.length)))
        .andExpect(
            header().string("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment")))
        .andExpect(content().bytes(file));

    mvc.perform(form("/capsules/delete", jwe, address))
        .andExpect(status().isOk())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("capsule-deleted")));
    mvc.perform(form("/capsules/open", jwe, address))
        .andExpect(status().isNotFound())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("no longer exists")));
  }

  @Test
  void createWithoutJavaScript_rendersTheJweOnThePage() throws Exception {
    String address = freshAddress();
    String html =
        mvc.perform(upload("plain".getBytes(StandardCharsets.UTF_8), address).with(csrf()))
            .andExpect(status().isCreated())
            .andExpect(
                header().string("Cache-Control", org.hamcrest.Matchers.containsString("no-store")))
            .andReturn()
            .getResponse()
            .getContentAsString();
    Matcher jwe = JWE.matcher(html);
    assertThat(jwe.find()).isTrue();
    assertThat(html).contains("the only way to open the file");

    mvc.perform(
            asyncDispatch(mvc.perform(form("/capsules/open", jwe.group(), address)).andReturn()))
        .andExpect(status().isOk())
        .andExpect(content().string("plain"));
  }

  @Test
  void openForm_badTokenOrNoCsrf_isRefused() throws Exception {
    mvc.perform(form("/capsules/open", "garbage", freshAddress()))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("not valid")));
    mvc.perform(
            post("/capsules/open")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("jwe", "garbage"))
        .andExpect(status().isForbidden());
    mvc.perform(
            upload("x".getBytes(StandardCharsets.UTF_8), freshAddress())
                .accept(MediaType.APPLICATION_JSON))
        .andExpect(status().isForbidden());
  }

  private static MockHttpServletRequestBuilder upload(byte[] file, String address) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(
        ("--"
                + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"page.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(file);
    body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return post("/capsules")
        .header("X-Forwarded-For", address)
        .contentType("multipart/form-data; boundary=" + BOUNDARY)
        .content(body.toByteArray());
  }

  private static MockHttpServletRequestBuilder form(String path, String jwe, String address) {
    return post(path)
        .header("X-Forwarded-For", address)
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .param("jwe", jwe)
        .with(csrf());
  }
}
