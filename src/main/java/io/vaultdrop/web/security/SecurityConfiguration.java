package io.vaultdrop.web.security;

import io.vaultdrop.web.errors.ProblemWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The security baseline of every response.
 *
 * <ul>
 *   <li>Headers: a strict CSP (same-origin assets only, no inline script, no framing), {@code
 *       nosniff}, {@code Referrer-Policy: no-referrer} (tokens in URLs never leak), {@code
 *       X-Frame-Options: DENY}, HSTS for one year with sub-domains on HTTPS requests, and no-store
 *       cache headers unless a response sets its own.
 *   <li>CSRF: on for browser requests (session cookie + token). Off for {@code /api/**}: those
 *       calls are anonymous or carry {@code Authorization: Bearer}, which a browser never attaches
 *       on its own, so a cross-site request cannot ride on ambient credentials. API endpoints must
 *       therefore never authenticate from the session cookie.
 *   <li>Sessions: created only when something needs one (a CSRF token in a form, a login).
 *   <li>Authorisation: the public surface is listed here; features add their own rules ahead of the
 *       final {@code denyAll}. Refusals: {@code /api/**} gets problem+json ({@code unauthorized},
 *       {@code forbidden}); an anonymous browser gets 404, a signed-in one 403.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self';"
          + " object-src 'none'";

  private static final RequestMatcher API = PathPatternRequestMatcher.pathPattern("/api/**");
  private static final AccessDeniedHandler BROWSER_DENIED = new AccessDeniedHandlerImpl();

  @Bean
  SecurityFilterChain securityFilterChain(HttpSecurity http, ProblemWriter problems)
      throws Exception {
    http.headers(
            headers ->
                headers
                    .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                    .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                    .frameOptions(frame -> frame.deny())
                    .httpStrictTransportSecurity(
                        hsts -> hsts.maxAgeInSeconds(31_536_000).includeSubDomains(true)))
        .csrf(csrf -> csrf.ignoringRequestMatchers(API))
        .sessionManagement(
            sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
        .exceptionHandling(
            errors ->
                errors
                    .authenticationEntryPoint(
                        (request, response, ex) -> {
                          if (API.matches(request)) {
                            problems.write(response, 401);
                          } else {
                            response.sendError(404);
                          }
                        })
                    .accessDeniedHandler(
                        (request, response, ex) -> {
                          if (API.matches(request)) {
                            problems.write(response, 403);
                          } else {
                            BROWSER_DENIED.handle(request, response, ex);
                          }
                        }))
        .authorizeHttpRequests(
            requests ->
                requests
                    // Public pages and assets.
                    .requestMatchers("/", "/error")
                    .permitAll()
                    .requestMatchers("/css/**", "/js/**", "/img/**", "/favicon.ico")
                    .permitAll()
                    // Operations. Prometheus is open for now; protect it with the accounts work.
                    .requestMatchers("/actuator/health", "/actuator/prometheus")
                    .permitAll()
                    // API: each endpoint group states its own rules when it arrives.
                    .requestMatchers("/api/docs", "/api/docs/**")
                    .permitAll()
                    .requestMatchers(API)
                    .permitAll()
                    // Deny by default. An anonymous caller sees a 404 for anything not listed
                    // (no probing of what exists); the accounts work replaces this with a login
                    // redirect for pages that need one.
                    .anyRequest()
                    .denyAll());
    return http.build();
  }
}
