package io.vaultdrop.accounts.security;

import io.vaultdrop.accounts.Role;
import io.vaultdrop.accounts.apikeys.ApiKeyAuthenticator;
import io.vaultdrop.accounts.internal.AccountsProperties;
import io.vaultdrop.accounts.internal.UserRepository;
import io.vaultdrop.web.ProblemResponses;
import io.vaultdrop.web.SecurityRules;
import java.time.Clock;
import java.util.List;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.stereotype.Component;

/**
 * How people sign in: a session with a CSRF-protected login form for pages, a bearer token (a JWT
 * or a personal API key) for the API; and which account pages and endpoints need which role.
 */
@Component
final class AccountSecurityRules implements SecurityRules {

  private final PasswordAuthentication passwords;
  private final ApiTokens tokens;
  private final ApiKeyAuthenticator apiKeys;
  private final UserRepository users;
  private final LoginFormHandlers loginForm;
  private final ProblemResponses problems;
  private final Clock clock;
  private final AccountsProperties properties;

  AccountSecurityRules(
      PasswordAuthentication passwords,
      ApiTokens tokens,
      ApiKeyAuthenticator apiKeys,
      UserRepository users,
      LoginFormHandlers loginForm,
      ProblemResponses problems,
      Clock clock,
      AccountsProperties properties) {
    this.passwords = passwords;
    this.tokens = tokens;
    this.apiKeys = apiKeys;
    this.users = users;
    this.loginForm = loginForm;
    this.problems = problems;
    this.clock = clock;
    this.properties = properties;
  }

  @Override
  public void configureApi(HttpSecurity http) throws Exception {
    // A browser session read by the API chain (see SecurityRules#apiGetsAcceptingSession) gets the
    // same freshness check as on pages; for bearer requests nothing is loaded yet here.
    http.addFilterAfter(freshness(), SecurityContextHolderFilter.class);
    http.oauth2ResourceServer(
        server ->
            server
                .authenticationEntryPoint((request, response, ex) -> problems.write(response, 401))
                .accessDeniedHandler((request, response, ex) -> problems.write(response, 403))
                .jwt(jwt -> jwt.authenticationManager(bearerCredentials())));
  }

  /** JWTs and personal API keys, both as {@code Authorization: Bearer}. */
  private BearerCredentials bearerCredentials() {
    JwtAuthenticationProvider jwts = new JwtAuthenticationProvider(tokens.decoder());
    jwts.setJwtAuthenticationConverter(new BearerAuthentication(users));
    return new BearerCredentials(jwts, apiKeys);
  }

  @Override
  public void authorizeApi(
      AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry
          requests) {
    requests
        .requestMatchers("/api/v1/auth/**")
        .permitAll()
        .requestMatchers("/api/v1/me", "/api/v1/me/**")
        .authenticated()
        .requestMatchers("/api/v1/admin/**")
        .hasRole(Role.ADMIN.name());
  }

  @Override
  public void configurePages(HttpSecurity http) throws Exception {
    http.authenticationManager(passwords.manager())
        .addFilterBefore(loginForm.throttleFilter(), UsernamePasswordAuthenticationFilter.class)
        .addFilterAfter(freshness(), SecurityContextHolderFilter.class)
        .formLogin(
            form ->
                form.loginPage("/login")
                    .usernameParameter(LoginFormHandlers.EMAIL_PARAMETER)
                    .passwordParameter("password")
                    .successHandler(loginForm.success())
                    .failureHandler(loginForm.failure())
                    .permitAll())
        .logout(
            logout ->
                logout
                    .logoutUrl("/logout")
                    .addLogoutHandler(
                        (request, response, authentication) ->
                            loginForm.loggedOut(authentication, request))
                    // Deletes the session row, so the logout holds on every node; Spring
                    // Session then expires the browser's cookie itself.
                    .invalidateHttpSession(true)
                    .clearAuthentication(true)
                    .logoutSuccessUrl("/login?logout"));
  }

  private SessionFreshnessFilter freshness() {
    return new SessionFreshnessFilter(users, clock, properties.sessionAbsoluteTimeout());
  }

  @Override
  public void authorizePages(
      AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry
          requests) {
    requests
        .requestMatchers(
            "/login",
            "/register",
            "/verify-email",
            "/resend-verification",
            "/password-reset",
            "/password-reset/confirm")
        .permitAll()
        .requestMatchers("/account", "/account/**")
        .authenticated()
        .requestMatchers("/admin/**")
        .hasRole(Role.ADMIN.name());
  }

  @Override
  public List<String> pagesRequiringLogin() {
    return List.of("/account", "/account/**", "/admin/users", "/admin/users/**", "/admin/audit");
  }
}
