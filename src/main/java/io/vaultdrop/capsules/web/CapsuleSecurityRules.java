package io.vaultdrop.capsules.web;

import io.vaultdrop.web.SecurityRules;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Capsule endpoints are open to everyone: opening and deleting need only the JWE (possession is the
 * authorisation), and whether an anonymous caller may create one depends on {@code
 * VAULTDROP_ANONYMOUS_UPLOADS}, which {@link CapsuleUploads} checks (401 when refused).
 */
@Component
final class CapsuleSecurityRules implements SecurityRules {

  @Override
  public void authorizeApi(
      AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry
          requests) {
    requests.requestMatchers("/api/v1/capsules", "/api/v1/capsules/**").permitAll();
  }

  @Override
  public void authorizePages(
      AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry
          requests) {
    requests.requestMatchers("/capsules", "/capsules/open", "/capsules/delete").permitAll();
  }
}
