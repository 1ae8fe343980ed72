package io.vaultdrop.web.sessions;

import io.vaultdrop.config.PublicLinks;
import org.springframework.boot.session.autoconfigure.DefaultCookieSerializerCustomizer;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.stereotype.Component;

/**
 * Names the session cookie (Spring Session writes it; HttpOnly and SameSite=Lax come from {@code
 * server.servlet.session.cookie.*} in {@code application.yml}). Served over HTTPS ({@code
 * VAULTDROP_PUBLIC_URL} starts with {@code https}) it is {@code __Host-vaultdrop}: Secure,
 * host-only, path {@code /}, so no sub-domain or plain-HTTP page can set or read it. Over plain
 * HTTP (a local start) browsers would drop a Secure cookie, so it is {@code vaultdrop_session}
 * there, Secure only when the request itself came over HTTPS.
 */
@Component
final class SessionCookie implements DefaultCookieSerializerCustomizer {

  static final String SECURE_NAME = "__Host-vaultdrop";
  static final String PLAIN_NAME = "vaultdrop_session";

  private final PublicLinks links;

  SessionCookie(PublicLinks links) {
    this.links = links;
  }

  @Override
  public void customize(DefaultCookieSerializer cookie) {
    if (links.isHttps()) {
      cookie.setCookieName(SECURE_NAME);
      cookie.setUseSecureCookie(true);
      cookie.setCookiePath("/");
    } else {
      cookie.setCookieName(PLAIN_NAME);
    }
  }
}
