package io.vaultdrop.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import webtest.TestEndpoints;

@WebIntegrationTest
class SecurityBaselineTest {

  static final String CSP =
      "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self';"
          + " object-src 'none'";

  @Autowired MockMvc mvc;

  /** A page, an API error and a static asset all carry the baseline headers. */
  @ParameterizedTest
  @ValueSource(strings = {"/", "/api/v1/nope", "/css/app.css", "/js/app.js", "/vendor/tus.min.js"})
  void everyResponse_carriesSecurityHeaders(String path) throws Exception {
    MockHttpServletResponse response =
        mvc.perform(get(path).secure(true)).andReturn().getResponse();
    assertThat(response.getHeaders("Content-Security-Policy")).containsExactly(CSP);
    assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
    assertThat(response.getHeader("Strict-Transport-Security"))
        .isEqualTo("max-age=31536000 ; includeSubDomains");
    assertThat(response.getHeader("Server")).isNull();
  }

  /** tus-js-client, bundled from npm at build time, is served like the pages' own scripts. */
  /**
   * Pages link every asset by its content hash and are never stored; the hashed assets are kept for
   * a year, so a phone does not fetch the scripts and styles again on every page.
   */
  @Test
  void assets_areLinkedByContentHash_andCachedForAYear_pagesAreNotStored() throws Exception {
    MockHttpServletResponse page = mvc.perform(get("/")).andReturn().getResponse();
    assertThat(page.getHeader("Cache-Control")).contains("no-store");
    Matcher links =
        Pattern.compile("(?:src|href)=\"(/(?:css|js|vendor|img)/[^\"]+)\"")
            .matcher(page.getContentAsString());
    List<String> assets = links.results().map(match -> match.group(1)).toList();
    assertThat(assets)
        .contains("/vendor/tus.min-" + md5("static/vendor/tus.min.js") + ".js")
        .contains("/js/app-" + md5("static/js/app.js") + ".js")
        .allMatch(path -> path.matches(".*-[0-9a-f]{32}\\.[a-z]+"), "hashed");
    for (String asset : assets) {
      MockHttpServletResponse response = mvc.perform(get(asset)).andReturn().getResponse();
      assertThat(response.getStatus()).as(asset).isEqualTo(200);
      assertThat(response.getHeader("Cache-Control"))
          .as(asset)
          .isEqualTo("max-age=31536000, public");
    }
  }

  private static String md5(String classpathResource) throws Exception {
    try (InputStream in =
        SecurityBaselineTest.class.getClassLoader().getResourceAsStream(classpathResource)) {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(in.readAllBytes()));
    }
  }

  @Test
  void bundledTusClient_isPublicJavaScript() throws Exception {
    MockHttpServletResponse response =
        mvc.perform(get("/vendor/tus.min.js")).andReturn().getResponse();
    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getContentType()).contains("javascript");
    assertThat(response.getContentAsString()).contains(".tus=");
    assertThat(
            mvc.perform(get("/vendor/licenses/tus-js-client/LICENSE"))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(200);
  }

  @Test
  void contentSecurityPolicy_allowsNoThirdPartyOrInlineSources() throws Exception {
    String csp =
        mvc.perform(get("/")).andReturn().getResponse().getHeader("Content-Security-Policy");
    for (String directive : csp.split(";")) {
      List<String> sources = List.of(directive.trim().split(" "));
      sources = sources.subList(1, sources.size());
      assertThat(sources).allMatch(s -> s.equals("'self'") || s.equals("'none'"));
    }
    assertThat(csp).doesNotContain("http", "*", "unsafe", "data:");
  }

  /** Deny by default: an API endpoint its feature forgot to list is not public. */
  @Test
  void apiEndpointNoFeatureListed_isRefused() throws Exception {
    mvc.perform(get(TestEndpoints.UNLISTED_ENDPOINT))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.code").value("unauthorized"));
  }

  @Test
  void unknownApiPath_stillAnswersNotFound() throws Exception {
    mvc.perform(get("/api/v1/no-such-thing"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.code").value("not_found"));
  }

  @Test
  void plainHttp_getsNoHsts() throws Exception {
    mvc.perform(get("/")).andExpect(header().doesNotExist("Strict-Transport-Security"));
  }

  @Test
  void browserFormPost_withoutCsrfToken_isRejected() throws Exception {
    mvc.perform(post("/").contentType(MediaType.APPLICATION_FORM_URLENCODED).content("a=b"))
        .andExpect(status().isForbidden());
  }

  @Test
  void browserFormPost_withCsrfToken_passesCsrf() throws Exception {
    // The token is accepted; "/" simply has no POST handler.
    mvc.perform(post("/").with(csrf()).contentType(MediaType.APPLICATION_FORM_URLENCODED))
        .andExpect(status().isMethodNotAllowed());
  }

  @Test
  void apiPost_needsNoCsrfToken() throws Exception {
    mvc.perform(
            post("/api/test/json")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"ada\",\"count\":1}"))
        .andExpect(status().isOk());
  }

  @Test
  void anonymousPages_createNoSession() throws Exception {
    // The session store writes a cookie for every session it creates (the login form needs one).
    mvc.perform(get("/")).andExpect(header().doesNotExist("Set-Cookie"));
    mvc.perform(get("/login")).andExpect(header().exists("Set-Cookie"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/actuator/env", "/actuator/heapdump", "/h2-console", "/admin"})
  void unlistedPaths_areNotFound(String path) throws Exception {
    mvc.perform(get(path)).andExpect(status().isNotFound());
  }
}
