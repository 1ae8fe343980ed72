package io.vaultdrop.capsules.web;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** With VAULTDROP_ANONYMOUS_UPLOADS=false an anonymous client cannot create, but can still open. */
@SpringBootTest(properties = "vaultdrop.anonymous-uploads=false")
@AutoConfigureMockMvc
class CapsuleAnonymousDisabledTest {

  private static final String MULTIPART =
      "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nabc\r\n--b--\r\n";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    registry.add(
        "vaultdrop.data-dir", Files.createTempDirectory("vaultdrop-capsules-anon")::toString);
    registry.add(
        "spring.datasource.url",
        () -> "jdbc:h2:mem:capsules-anon-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
  }

  @Autowired MockMvc mvc;

  @Test
  void apiUpload_anonymous_isUnauthorized() throws Exception {
    mvc.perform(
            post("/api/v1/capsules")
                .contentType("multipart/form-data; boundary=b")
                .content(MULTIPART))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.code").value("unauthorized"));
  }

  @Test
  void page_anonymous_offersOnlyOpeningAndRefusesUploads() throws Exception {
    mvc.perform(get("/capsules"))
        .andExpect(status().isOk())
        .andExpect(content().string(Matchers.not(Matchers.containsString("data-capsule-create"))))
        .andExpect(content().string(Matchers.containsString("Sign in to create a capsule")));
    mvc.perform(
            post("/capsules")
                .with(csrf().asHeader())
                .accept(MediaType.APPLICATION_JSON)
                .contentType("multipart/form-data; boundary=b")
                .content(MULTIPART))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.code").value("unauthorized"));
    mvc.perform(
            post("/api/v1/capsules/open")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"jwe\":\"a.b.c.d.e\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("invalid_token"));
  }
}
