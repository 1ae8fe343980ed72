package io.vaultdrop.library.web;

import io.vaultdrop.accounts.Role;
import io.vaultdrop.web.SecurityRules;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * The library is for signed-in users; managing it (publish, replace, remove, download history) for
 * operators and administrators. The service checks the same again, plus the verified address.
 *
 * <p>A download link ({@code GET /api/v1/library/downloads/{token}}) lives on the API chain, where
 * a bearer token authenticates; it is also the one library call a browser session may authenticate,
 * so the link opens in the browser of the person it was made for.
 */
@Component
final class LibrarySecurityRules implements SecurityRules {

  static final String DOWNLOAD = "/api/v1/library/downloads/*";
  private static final String[] MANAGERS = {Role.OPERATOR.name(), Role.ADMIN.name()};

  @Override
  public void authorizeApi(
      AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry
          requests) {
    requests
        .requestMatchers(HttpMethod.GET, DOWNLOAD)
        .authenticated()
        .requestMatchers("/api/v1/library/subscription")
        .authenticated()
        .requestMatchers(HttpMethod.POST, "/api/v1/library")
        .hasAnyRole(MANAGERS)
        .requestMatchers(HttpMethod.PUT, "/api/v1/library/*")
        .hasAnyRole(MANAGERS)
        .requestMatchers(HttpMethod.DELETE, "/api/v1/library/*")
        .hasAnyRole(MANAGERS)
        .requestMatchers(HttpMethod.GET, "/api/v1/library/*/downloads")
        .hasAnyRole(MANAGERS)
        .requestMatchers("/api/v1/library", "/api/v1/library/**")
        .authenticated();
  }

  @Override
  public List<String> apiGetsAcceptingSession() {
    return List.of(DOWNLOAD);
  }

  @Override
  public void authorizePages(
      AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry
          requests) {
    requests
        .requestMatchers(HttpMethod.POST, "/library", "/library/*/replace", "/library/*/delete")
        .hasAnyRole(MANAGERS)
        .requestMatchers(HttpMethod.GET, "/library/*/downloads")
        .hasAnyRole(MANAGERS)
        .requestMatchers("/library", "/library/**")
        .authenticated();
  }

  @Override
  public List<String> pagesRequiringLogin() {
    return List.of("/library", "/library/**");
  }
}
