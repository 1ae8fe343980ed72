package io.vaultdrop.accounts.security;

import io.vaultdrop.config.PublicLinks;
import org.springframework.boot.web.server.Cookie;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.servlet.ConfigurableServletWebServerFactory;
import org.springframework.stereotype.Component;

/**
 * Names the session cookie. Served over HTTPS ({@code VAULTDROP_PUBLIC_URL} starts with {@code
 * https}) it is {@code __Host-vaultdrop}: Secure, host-only, path {@code /}, so no sub-domain or
 * plain-HTTP page can set or read it. Over plain HTTP (a local start) browsers would drop a Secure
 * cookie, so it is {@code vaultdrop_session} there. Both are HttpOnly and SameSite=Lax (see {@code
 * application.yml}).
 */
@Component
final class SessionCookie
    implements WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> {

  static final String SECURE_NAME = "__Host-vaultdrop";
  static final String PLAIN_NAME = "vaultdrop_session";

  private final PublicLinks links;

  SessionCookie(PublicLinks links) {
    this.links = links;
  }

  @Override
  public void customize(ConfigurableServletWebServerFactory factory) {
    Cookie cookie = factory.getSettings().getSession().getCookie();
    if (links.isHttps()) {
      cookie.setName(SECURE_NAME);
      cookie.setSecure(true);
      cookie.setPath("/");
    } else {
      cookie.setName(PLAIN_NAME);
    }
  }
}
