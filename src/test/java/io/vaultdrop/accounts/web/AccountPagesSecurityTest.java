package io.vaultdrop.accounts.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.vaultdrop.accounts.Account;
import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.testsupport.MutableClock;
import io.vaultdrop.testsupport.SessionCookies;
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** Browser sessions: login form, CSRF, fixation, logout, timeouts, role pages. */
@SpringBootTest
@AutoConfigureMockMvc
@Import(AccountsWebTestSupport.ClockConfig.class)
class AccountPagesSecurityTest extends AccountsWebTestSupport {

  @Autowired MockMvc mvc;
  @Autowired AccountService accounts;
  @Autowired MutableClock clock;

  @Test
  void accountPage_anonymous_redirectsToLogin() throws Exception {
    mvc.perform(get("/account")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
  }

  @Test
  void login_withoutCsrfToken_isRejected() throws Exception {
    String email = user(Role.MEMBER);
    mvc.perform(post("/login").param("email", email).param("password", PASSWORD))
        .andExpect(status().isForbidden());
  }

  @Test
  void login_showsTheAccount() throws Exception {
    String email = user(Role.MEMBER);
    MvcResult login = login(email, PASSWORD);
    Cookie session = SessionCookies.of(login);

    assertThat(login.getResponse().getRedirectedUrl()).isEqualTo("/vault");
    mvc.perform(get("/account").cookie(session))
        .andExpect(status().isOk())
        .andExpect(content().string(org.hamcrest.Matchers.containsString(email)));
  }

  @Test
  void unknownPaths_are404_signedInOrNot_andLeaveNoPageToReturnTo() throws Exception {
    mvc.perform(get("/no-such-page")).andExpect(status().isNotFound());
    String email = user(Role.MEMBER);
    Cookie session = SessionCookies.of(login(email, PASSWORD));
    mvc.perform(get("/no-such-page").cookie(session)).andExpect(status().isNotFound());
    mvc.perform(get("/admin/users").cookie(session)).andExpect(status().isForbidden());
  }

  @Test
  void signingIn_returnsToThePageAskedFor() throws Exception {
    String email = user(Role.MEMBER);
    MvcResult asked = mvc.perform(get("/shares/mine")).andExpect(status().isFound()).andReturn();
    Cookie anonymous = SessionCookies.of(asked);
    MvcResult login =
        mvc.perform(
                post("/login")
                    .cookie(anonymous)
                    .with(csrf())
                    .param("email", email)
                    .param("password", PASSWORD))
            .andExpect(status().isFound())
            .andReturn();
    // A path, not an absolute URL built from the request's Host header.
    assertThat(login.getResponse().getRedirectedUrl()).isEqualTo("/shares/mine?continue");
  }

  @Test
  void logout_endsTheSessionOnTheServer() throws Exception {
    String email = user(Role.MEMBER);
    Cookie session = SessionCookies.of(login(email, PASSWORD));

    mvc.perform(post("/logout").cookie(session).with(csrf()))
        .andExpect(redirectedUrl("/login?logout"))
        .andExpect(cookie().maxAge(SessionCookies.NAME, 0));

    mvc.perform(get("/account").cookie(session)).andExpect(redirectedUrl("/login"));
  }

  @Test
  void passwordChangeElsewhere_endsThisSession() throws Exception {
    String email = user(Role.MEMBER);
    Cookie session = SessionCookies.of(login(email, PASSWORD));
    String id = accountId(email);

    accounts.changePassword(id, PASSWORD, "a brand new passphrase", null);

    mvc.perform(get("/account").cookie(session)).andExpect(redirectedUrl("/login"));
  }

  @Test
  void session_pastItsAbsoluteLifetime_ends() throws Exception {
    String email = user(Role.MEMBER);
    Cookie session = SessionCookies.of(login(email, PASSWORD));
    mvc.perform(get("/account").cookie(session)).andExpect(status().isOk());

    clock.advance(Duration.ofHours(12).plusMinutes(1));

    mvc.perform(get("/account").cookie(session)).andExpect(redirectedUrl("/login"));
  }

  @Test
  void login_wrongPassword_isNeutral_thenThrottled() throws Exception {
    String email = user(Role.MEMBER);
    for (int i = 0; i < 5; i++) {
      mvc.perform(post("/login").with(csrf()).param("email", email).param("password", "nope " + i))
          .andExpect(redirectedUrl("/login?error"));
    }
    mvc.perform(post("/login").with(csrf()).param("email", email).param("password", PASSWORD))
        .andExpect(status().isTooManyRequests())
        .andExpect(header().exists("Retry-After"));
  }

  @Test
  void login_unverifiedAddress_isAskedToVerify() throws Exception {
    String email = uniqueEmail();
    accounts.register(email, PASSWORD, null);

    mvc.perform(post("/login").with(csrf()).param("email", email).param("password", PASSWORD))
        .andExpect(redirectedUrl("/login?unverified"));
  }

  @Test
  void adminPages_forbiddenToMembers_openToAdmins() throws Exception {
    Cookie member = SessionCookies.of(login(user(Role.MEMBER), PASSWORD));
    Cookie operator = SessionCookies.of(login(user(Role.OPERATOR), PASSWORD));
    Cookie admin = SessionCookies.of(login(user(Role.ADMIN), PASSWORD));

    for (Cookie session : new Cookie[] {member, operator}) {
      mvc.perform(get("/admin/users").cookie(session)).andExpect(status().isForbidden());
      mvc.perform(get("/admin/audit").cookie(session)).andExpect(status().isForbidden());
      mvc.perform(
              post("/admin/users")
                  .cookie(session)
                  .with(csrf())
                  .param("email", uniqueEmail())
                  .param("password", PASSWORD)
                  .param("role", "ADMIN"))
          .andExpect(status().isForbidden());
    }
    mvc.perform(get("/admin/users").cookie(admin)).andExpect(status().isOk());
    // Events in words, accounts by their address, times with a machine-readable datetime.
    mvc.perform(get("/admin/audit").cookie(admin))
        .andExpect(status().isOk())
        .andExpect(content().string(org.hamcrest.Matchers.containsString(">Signed in</span>")))
        .andExpect(
            content()
                .string(
                    org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.containsString(">LOGIN_SUCCEEDED<"))))
        .andExpect(content().string(org.hamcrest.Matchers.containsString("<time datetime=")));
  }

  /** The audit log filters by event type and by person (their e-mail address). */
  @Test
  void auditLog_filtersByEventTypeAndPerson() throws Exception {
    String alice = user(Role.MEMBER);
    String bob = user(Role.MEMBER);
    login(alice, PASSWORD);
    login(bob, PASSWORD);
    login(alice, "not the password at all");
    Cookie admin = SessionCookies.of(login(user(Role.ADMIN), PASSWORD));

    String aliceOnly =
        mvc.perform(get("/admin/audit").cookie(admin).param("who", alice.toUpperCase()))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(aliceOnly).contains(">Signed in</span>").contains(">Sign-in refused</span>");
    assertThat(aliceOnly).doesNotContain(">" + bob + "<");

    String refusals =
        mvc.perform(
                get("/admin/audit").cookie(admin).param("type", "LOGIN_FAILED").param("who", alice))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(refusals).contains(">Sign-in refused</span>").doesNotContain(">Signed in</span>");

    String nobody =
        mvc.perform(get("/admin/audit").cookie(admin).param("who", "nobody@example.invalid"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(nobody).contains("No events match.").doesNotContain(">Signed in</span>");
  }

  @Test
  void registrationPage_answersTheSameForNewAndTakenAddresses() throws Exception {
    String taken = user(Role.MEMBER);
    mvc.perform(post("/register").with(csrf()).param("email", taken).param("password", PASSWORD))
        .andExpect(redirectedUrl("/register?sent"));
    mvc.perform(
            post("/register")
                .with(csrf())
                .param("email", uniqueEmail())
                .param("password", PASSWORD))
        .andExpect(redirectedUrl("/register?sent"));
  }

  @Test
  void pages_renderInUzbek() throws Exception {
    mvc.perform(get("/login").param("lang", "uz"))
        .andExpect(status().isOk())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("Kirish")));
  }

  private MvcResult login(String email, String password) throws Exception {
    return mvc.perform(
            post("/login").with(csrf()).param("email", email).param("password", password))
        .andExpect(status().isFound())
        .andReturn();
  }

  private String user(Role role) {
    String email = uniqueEmail();
    accounts.createUser(email, PASSWORD, role, null, null);
    return email;
  }

  private String accountId(String email) {
    return accounts.list().stream()
        .filter(a -> a.email().equals(email))
        .map(Account::id)
        .findFirst()
        .orElseThrow();
  }
}
