package io.vaultdrop.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Every page names its icon (no 404 for a favicon in any console) and shows the logo. */
@WebIntegrationTest
class PageAssetsTest {

  @Autowired MockMvc mvc;

  @Test
  void pagesLinkTheLogoAsIcon_andItIsServed() throws Exception {
    mvc.perform(get("/login"))
        .andExpect(status().isOk())
        .andExpect(
            content()
                .string(
                    matchesPattern(
                        "(?s).*<link rel=\"icon\" type=\"image/svg\\+xml\""
                            + " href=\"/img/logo-[0-9a-f]{32}\\.svg\">.*")))
        .andExpect(content().string(containsString("class=\"brand-logo\"")));
    mvc.perform(get("/img/logo.svg"))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Type", containsString("image/svg+xml")))
        .andExpect(content().string(containsString("<svg")));
  }
}
