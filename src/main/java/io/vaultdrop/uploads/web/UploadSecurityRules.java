package io.vaultdrop.uploads.web;

import io.vaultdrop.web.SecurityRules;
import java.util.List;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * The tus endpoint is open to everyone at the security chains: who may upload, and how much,
 * depends on what the caller may create ({@link UploadLimits}), and an upload is visible only to
 * its creator (or, anonymous, to whoever holds its URL). API clients use {@code /api/v1/uploads}
 * with a bearer token or none; the web pages use {@code /uploads} with their session and a CSRF
 * header, or, for a visitor without a session (the home page's share form), with neither.
 */
@Component
final class UploadSecurityRules implements SecurityRules {

  @Override
  public void authorizeApi(
      AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry
          requests) {
    requests.requestMatchers("/api/v1/uploads", "/api/v1/uploads/*").permitAll();
  }

  @Override
  public void authorizePages(
      AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry
          requests) {
    requests.requestMatchers("/uploads", "/uploads/*").permitAll();
  }

  /**
   * The page uploads of a visitor without a session ({@link SecurityRules#formsWithoutSession()}).
   */
  @Override
  public List<String> formsWithoutSession() {
    return List.of("/uploads", "/uploads/*");
  }
}
