package io.vaultdrop.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

@WebIntegrationTest
class PagesTest {

  @Autowired MockMvc mvc;

  @Test
  void home_rendersInEnglishByDefault() throws Exception {
    String html = page(mvc.perform(get("/")).andExpect(status().isOk()).andReturn().getResponse());
    assertThat(html)
        .contains("<html lang=\"en\">")
        .contains("Share files, encrypted")
        .containsPattern("href=\"/css/app-[0-9a-f]{32}\\.css\"")
        .containsPattern("src=\"/js/app-[0-9a-f]{32}\\.js\"");
  }

  @Test
  void langParameter_switchesToUzbekAndRemembersIt() throws Exception {
    MockHttpServletResponse response =
        mvc.perform(get("/").param("lang", "uz"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse();
    assertThat(page(response)).contains("<html lang=\"uz\">").contains("Shaxsiy ombor");
    Cookie cookie = response.getCookie("vaultdrop-lang");
    assertThat(cookie).isNotNull();
    assertThat(cookie.isHttpOnly()).isTrue();

    String again = page(mvc.perform(get("/").cookie(cookie)).andReturn().getResponse());
    assertThat(again).contains("Fayllarni ulashish");
  }

  @Test
  void acceptLanguage_picksUzbek_andUnsupportedLanguagesFallBackToEnglish() throws Exception {
    assertThat(
            page(
                mvc.perform(get("/").header("Accept-Language", "uz-UZ,uz;q=0.9"))
                    .andReturn()
                    .getResponse()))
        .contains("Shifrlash va deshifrlash");
    assertThat(
            page(
                mvc.perform(get("/").param("lang", "fr").header("Accept-Language", "fr"))
                    .andReturn()
                    .getResponse()))
        .contains("Encrypt and decrypt");
  }

  @Test
  void pages_haveNoInlineScriptsOrStyles() throws Exception {
    String html = page(mvc.perform(get("/")).andReturn().getResponse());
    assertThat(html).doesNotContain("<style", " style=", "javascript:", " onclick=", " onload=");
    assertThat(html.split("<script").length - 1).isEqualTo(html.split("<script src=").length - 1);
  }

  private static String page(MockHttpServletResponse response) throws Exception {
    return response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
