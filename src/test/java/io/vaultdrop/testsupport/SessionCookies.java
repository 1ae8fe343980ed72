package io.vaultdrop.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * MockMvc with the database session store: a browser's session is its session cookie, as over real
 * HTTP. (A {@code MockHttpSession} passed to a request is never seen: Spring Session looks the
 * session up by the cookie.) Send it back with {@code .cookie(session)}.
 */
public final class SessionCookies {

  /** The cookie's name on plain HTTP, the tests' default. */
  public static final String NAME = "vaultdrop_session";

  private SessionCookies() {}

  /** Signs in through the login form and returns the session cookie it set. */
  public static Cookie signIn(MockMvc mvc, String email, String password) throws Exception {
    MvcResult login =
        mvc.perform(post("/login").with(csrf()).param("email", email).param("password", password))
            .andExpect(status().isFound())
            .andReturn();
    return of(login);
  }

  /** The session cookie a response set. */
  public static Cookie of(MvcResult result) {
    Cookie cookie = result.getResponse().getCookie(NAME);
    assertThat(cookie).as("the response sets a session cookie").isNotNull();
    assertThat(cookie.getValue()).as("a live session cookie").isNotEmpty();
    return cookie;
  }
}
