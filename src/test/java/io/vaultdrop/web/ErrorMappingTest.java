package io.vaultdrop.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import webtest.TestEndpoints;

@WebIntegrationTest
class ErrorMappingTest {

  @Autowired MockMvc mvc;

  @Test
  void unknownApiPath_isNotFoundProblem() throws Exception {
    mvc.perform(get("/api/v1/nope"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(404))
        .andExpect(jsonPath("$.title").value("Not Found"))
        .andExpect(jsonPath("$.code").value("not_found"))
        .andExpect(jsonPath("$.detail").doesNotExist());
  }

  @Test
  void wrongMethod_isMethodNotAllowedProblemWithAllow() throws Exception {
    mvc.perform(delete("/api/test/json"))
        .andExpect(status().isMethodNotAllowed())
        .andExpect(header().string("Allow", "POST"))
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("method_not_allowed"));
  }

  @Test
  void malformedJson_isMalformedRequest() throws Exception {
    MvcResult result =
        mvc.perform(
                post("/api/test/json")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"name\": \"x\", SECRET-BROKEN"))
            .andExpect(status().isBadRequest())
            .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.code").value("malformed_request"))
            .andReturn();
    assertThat(result.getResponse().getContentAsString()).doesNotContain("SECRET", "Jackson");
  }

  @Test
  void invalidFields_areNamedWithoutTheirValues() throws Exception {
    MvcResult result =
        mvc.perform(
                post("/api/test/json")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"name\": \"" + "SECRETVALUE".repeat(3) + "\", \"count\": 4711}"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.code").value("invalid_request"))
            .andExpect(jsonPath("$.errors[?(@.field == 'name')].reason").value("Size"))
            .andExpect(jsonPath("$.errors[?(@.field == 'count')].reason").value("Max"))
            .andReturn();
    assertThat(result.getResponse().getContentAsString()).doesNotContain("SECRETVALUE", "4711");
  }

  @Test
  void unsupportedMediaType_is415() throws Exception {
    mvc.perform(post("/api/test/json").contentType(MediaType.TEXT_PLAIN).content("hi"))
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("unsupported_media_type"));
  }

  @Test
  void unexpectedException_isGenericWithCorrelationId() throws Exception {
    MvcResult result =
        mvc.perform(get("/api/test/boom"))
            .andExpect(status().isInternalServerError())
            .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.code").value("internal_error"))
            .andExpect(jsonPath("$.title").value("Internal Server Error"))
            .andExpect(jsonPath("$.correlationId").isString())
            .andReturn();
    assertThat(result.getResponse().getContentAsString())
        .doesNotContain("internal-detail", "IllegalState", "Exception", "at io.");
  }

  @Test
  void rateLimited_carriesRetryAfterInWholeSeconds() throws Exception {
    mvc.perform(get("/api/test/limited"))
        .andExpect(status().isTooManyRequests())
        .andExpect(header().string("Retry-After", "30"))
        .andExpect(jsonPath("$.code").value("rate_limited"));
  }

  @Test
  void apiException_carriesItsExtraMembers() throws Exception {
    mvc.perform(get("/api/test/wrong-password"))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.code").value("wrong_password"))
        .andExpect(jsonPath("$.attemptsLeft").value(3));
  }

  @Test
  void accessDenied_forAnonymous_isUnauthorizedProblem() throws Exception {
    MvcResult result =
        mvc.perform(get("/api/test/denied"))
            .andExpect(status().isUnauthorized())
            .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.code").value("unauthorized"))
            .andReturn();
    assertThat(result.getResponse().getContentAsString()).doesNotContain("internal-detail");
  }

  @Test
  void accessDenied_forSignedInUser_isForbiddenProblem() throws Exception {
    mvc.perform(get("/api/test/denied").with(user("member")))
        .andExpect(status().isForbidden())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("forbidden"));
  }

  @Test
  void errorDispatch_forAPage_rendersTheLayoutWithAReferenceOnly() throws Exception {
    MvcResult result =
        mvc.perform(
                get("/error")
                    .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 500)
                    .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/vault/secret-token")
                    .requestAttr(
                        RequestDispatcher.ERROR_EXCEPTION,
                        new IllegalStateException(TestEndpoints.INTERNAL_SECRET)))
            .andExpect(status().isInternalServerError())
            .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
            .andReturn();
    String html = result.getResponse().getContentAsString();
    assertThat(html)
        .contains("An unexpected error occurred.")
        .containsPattern("Reference: [0-9a-f-]{36}")
        .containsPattern("href=\"/css/app-[0-9a-f]{32}\\.css\"")
        .doesNotContain("internal-detail", "IllegalState", "secret-token");
  }

  @Test
  void errorDispatch_forAnApiPath_isProblemJson() throws Exception {
    mvc.perform(
            get("/error")
                .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 413)
                .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/api/v1/shares"))
        .andExpect(status().isContentTooLarge())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("too_large"))
        .andExpect(jsonPath("$.type").value("about:blank"));
  }
}
