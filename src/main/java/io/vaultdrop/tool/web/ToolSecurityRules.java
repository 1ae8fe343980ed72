package io.vaultdrop.tool.web;

import io.vaultdrop.web.SecurityRules;
import java.util.List;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** The tool is for signed-in users only, in both chains. */
@Component
final class ToolSecurityRules implements SecurityRules {

  static final String[] PAGES = {
    "/encrypt", "/encrypt/**", "/secure-encrypt", "/decrypt", "/decrypt/**", "/secure-decrypt"
  };

  @Override
  public void authorizeApi(
      AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry
          requests) {
    requests
        .requestMatchers(
            "/api/v1/encryptions",
            "/api/v1/encryptions/**",
            "/api/v1/decryptions",
            "/api/v1/decryptions/**")
        .authenticated();
  }

  @Override
  public void authorizePages(
      AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry
          requests) {
    requests.requestMatchers(PAGES).authenticated();
  }

  @Override
  public List<String> pagesRequiringLogin() {
    return List.of(PAGES);
  }
}
