package io.vaultdrop.web.pages;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.testsupport.SessionCookies;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Without an SMTP server (no {@code SPRING_MAIL_HOST}) no page promises a mail: the password reset
 * page says to ask an administrator, administrators get no "mail a reset link" button, and the
 * library offers no mail notifications.
 */
@SpringBootTest(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:no-mail-${random.uuid};DB_CLOSE_DELAY=-1",
      "vaultdrop.data-dir=target/no-mail-test/data",
      "vaultdrop.scheduling.enabled=false"
    })
@AutoConfigureMockMvc
class NoMailServerPagesTest {

  private static final String PASSWORD = "correct horse battery";

  @Autowired MockMvc mvc;
  @Autowired AccountService accounts;

  @Test
  void pagesOfferNoMail_whenNoMailCanBeSent() throws Exception {
    mvc.perform(get("/password-reset"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("This server does not send e-mail")))
        .andExpect(content().string(not(containsString("id=\"reset-request\""))));

    String admin = "admin-" + System.nanoTime() + "@example.org";
    accounts.createUser(admin, PASSWORD, Role.ADMIN, null, null);
    Cookie session = SessionCookies.signIn(mvc, admin, PASSWORD);
    mvc.perform(get("/admin/users").cookie(session))
        .andExpect(status().isOk())
        .andExpect(content().string(not(containsString("/password-reset\""))));
    mvc.perform(get("/library").cookie(session))
        .andExpect(status().isOk())
        .andExpect(content().string(not(containsString("id=\"library-subscription\""))));
  }
}
