package io.vaultdrop.accounts.apikeys.web;

import io.vaultdrop.web.ControllerEndpoints;
import io.vaultdrop.web.ProblemResponses;
import io.vaultdrop.web.SecurityRules;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * API keys in the security chains: the scope check right after bearer authentication, and who may
 * manage keys (any signed-in user their own; administrators through {@code /api/v1/admin/**} and
 * {@code /admin/**}, which the accounts rules keep to the ADMIN role).
 */
@Component
// Security chains exist only in a servlet web application (not, say, with
// web-application-type=none).
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
final class ApiKeySecurityRules implements SecurityRules {

  private final ProblemResponses problems;
  private final ControllerEndpoints endpoints;

  ApiKeySecurityRules(
      ProblemResponses problems,
      @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping handlers) {
    this.problems = problems;
    this.endpoints = new ControllerEndpoints(handlers);
  }

  @Override
  public void configureApi(HttpSecurity http) {
    http.addFilterAfter(
        new ApiKeyScopeFilter(problems, endpoints), BearerTokenAuthenticationFilter.class);
  }

  @Override
  public void authorizeApi(
      AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry
          requests) {
    requests.requestMatchers("/api/v1/api-keys", "/api/v1/api-keys/**").authenticated();
  }
}
