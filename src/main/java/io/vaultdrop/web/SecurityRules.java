package io.vaultdrop.web;

import java.util.List;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A feature's contribution to the two security filter chains, collected by the web module: the
 * stateless API chain ({@code /api/**}, bearer tokens; the session cookie only for the GETs listed
 * by {@link #apiGetsAcceptingSession()}) and the browser chain (session cookie, CSRF-protected
 * forms). Rules are applied before the final deny-by-default rule of each chain.
 */
public interface SecurityRules {

  /** Authorisation rules for {@code /api/**} requests. */
  default void authorizeApi(
      AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry
          requests) {}

  /** Authorisation rules for browser requests (pages and form posts). */
  default void authorizePages(
      AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry
          requests) {}

  /** Authentication mechanisms for the API chain (e.g. a bearer token resource server). */
  default void configureApi(HttpSecurity http) throws Exception {}

  /** Authentication mechanisms for the browser chain (e.g. form login, logout). */
  default void configurePages(HttpSecurity http) throws Exception {}

  /**
   * {@code GET} path patterns under {@code /api} that an existing browser session may authenticate
   * as well as a bearer token: links a signed-in person opens in the browser, such as a library
   * download link. The API chain only reads the session for them, never creates or changes one, and
   * a GET carries no CSRF protection: list only GETs that change nothing a cross-site request could
   * abuse.
   */
  default List<String> apiGetsAcceptingSession() {
    return List.of();
  }

  /**
   * Path patterns of browser endpoints that a visitor without a session may send without a CSRF
   * token: the share form of the home page and its uploads, whose page must not create a session
   * for every visitor (crawlers, link previewers) just to hold a token. A request that carries no
   * session has no signed-in authority a cross-site request could ride (and the session cookie is
   * SameSite=Lax, so a cross-site post arrives without it); once a session exists, the token is
   * required as for every form, and the page must carry it.
   */
  default List<String> formsWithoutSession() {
    return List.of();
  }

  /**
   * Path patterns of pages that send an anonymous visitor to the login page. Any other page an
   * anonymous visitor may not see answers 404, so nothing reveals what exists.
   */
  default List<String> pagesRequiringLogin() {
    return List.of();
  }
}
