package webtest;

import io.vaultdrop.web.SecurityRules;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * Lets anyone call the test-only endpoints under {@code /api/test/}: the API chain refuses every
 * endpoint that no {@link SecurityRules} lists. Import it with the endpoints.
 */
public class TestEndpointRules implements SecurityRules {

  @Override
  public void authorizeApi(
      AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry
          requests) {
    requests.requestMatchers("/api/test/**").permitAll();
  }
}
