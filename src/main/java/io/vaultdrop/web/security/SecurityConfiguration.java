package io.vaultdrop.web.security;

import io.vaultdrop.config.PublicLinks;
import io.vaultdrop.web.SecurityRules;
import io.vaultdrop.web.errors.ProblemWriter;
import java.util.LinkedHashMap;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The security baseline of every response, as two filter chains.
 *
 * <ul>
 *   <li>Headers (both chains): a strict CSP (same-origin assets only, no inline script, no
 *       framing), {@code nosniff}, {@code Referrer-Policy: no-referrer} (tokens in URLs never
 *       leak), {@code X-Frame-Options: DENY}, HSTS for one year with sub-domains on HTTPS requests,
 *       and no-store cache headers unless a response sets its own.
 *   <li>API chain ({@code /api/**}): stateless. It never creates or writes a session, and reads one
 *       only for the few GETs features list in {@link SecurityRules#apiGetsAcceptingSession()} (a
 *       download link a signed-in person opens in the browser). Everywhere else the session cookie
 *       authenticates nothing and a cross-site request cannot ride on ambient credentials; that is
 *       why CSRF protection is off for it. Callers are anonymous or send {@code Authorization:
 *       Bearer}. Refusals are problem+json ({@code unauthorized}, {@code forbidden}).
 *   <li>Browser chain (everything else): session cookie, created only when needed, CSRF tokens on
 *       every form. An anonymous browser is sent to the login page for pages that need a login; a
 *       signed-in one gets 403.
 *   <li>Authorisation: the public surface is listed here; each feature adds its rules through a
 *       {@link SecurityRules} bean, ahead of the final deny-by-default.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self';"
          + " object-src 'none'";

  /**
   * The API documentation's browsable UI ({@code /api/docs/ui}: swagger-ui from its webjar, same
   * origin) needs two things the site policy refuses: the SVG icons its stylesheet holds as {@code
   * data:} URIs, and one inline {@code <style>} element its bundle inserts, allowed by its hash
   * only (no other inline style). Scripts stay same-origin only: no {@code 'unsafe-inline'}, no
   * {@code 'unsafe-eval'}. ApiDocsUiBrowserTest fails on any violation, e.g. after a swagger-ui
   * update.
   */
  static final String DOCS_UI_CONTENT_SECURITY_POLICY =
      CONTENT_SECURITY_POLICY
          + "; img-src 'self' data:;"
          + " style-src 'self' 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='";

  private static final RequestMatcher DOCS_UI =
      PathPatternRequestMatcher.pathPattern("/api/docs/swagger-ui/**");
  private static final RequestMatcher API = PathPatternRequestMatcher.pathPattern("/api/**");
  private static final String CSP_HEADER = "Content-Security-Policy";
  private static final String PROMETHEUS = "/actuator/prometheus";
  private static final AccessDeniedHandler BROWSER_DENIED = new AccessDeniedHandlerImpl();

  @Bean
  @Order(1)
  SecurityFilterChain apiFilterChain(
      HttpSecurity http,
      ProblemWriter problems,
      List<SecurityRules> features,
      @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping handlers,
      PublicLinks links)
      throws Exception {
    http.securityMatcher(API);
    headers(http, links);
    http.csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .securityContext(
            c ->
                c.securityContextRepository(
                    new ApiSecurityContextRepository(sessionReads(features))))
        .requestCache(cache -> cache.disable())
        .exceptionHandling(
            errors ->
                errors
                    .authenticationEntryPoint(
                        (request, response, ex) -> problems.write(response, 401))
                    .accessDeniedHandler((request, response, ex) -> problems.write(response, 403)));
    for (SecurityRules feature : features) {
      feature.configureApi(http);
    }
    http.authorizeHttpRequests(
        requests -> {
          requests.requestMatchers("/api/docs", "/api/docs/**").permitAll();
          features.forEach(feature -> feature.authorizeApi(requests));
          // Anything else under /api: unknown paths reach MVC's 404 problem; an endpoint that
          // exists but that no feature listed is refused.
          requests.anyRequest().access(new UnlistedRequests(handlers));
        });
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain browserFilterChain(
      HttpSecurity http,
      List<SecurityRules> features,
      MetricsAccess metrics,
      PublicLinks links,
      ProblemWriter problems,
      @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping handlers)
      throws Exception {
    headers(http, links);
    http.csrf(csrf -> csrf.ignoringRequestMatchers(sessionlessForms(features)))
        .sessionManagement(
            sessions ->
                sessions
                    .sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED)
                    .sessionFixation(fixation -> fixation.changeSessionId()))
        .exceptionHandling(errors -> errors.accessDeniedHandler(BROWSER_DENIED));
    for (SecurityRules feature : features) {
      feature.configurePages(http);
    }
    http.exceptionHandling(
        errors -> errors.authenticationEntryPoint(browserEntryPoint(features, problems)));
    http.authorizeHttpRequests(
        requests -> {
          requests
              .requestMatchers("/", "/error")
              .permitAll()
              .requestMatchers("/css/**", "/js/**", "/vendor/**", "/img/**", "/favicon.ico")
              .permitAll()
              .requestMatchers(
                  "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")
              .permitAll()
              // Metrics reveal traffic and user counts: only a scraper with the configured token.
              .requestMatchers(PROMETHEUS)
              .access(
                  (authentication, context) ->
                      new AuthorizationDecision(metrics.permits(context.getRequest())));
          features.forEach(feature -> feature.authorizePages(requests));
          // Deny by default: an endpoint no feature listed is refused; a path nothing handles
          // reaches MVC's 404 page, for signed-in visitors too.
          requests.anyRequest().access(new UnlistedRequests(handlers));
        });
    return http.build();
  }

  /**
   * Requests to the endpoints features list in {@link SecurityRules#formsWithoutSession()} that
   * carry no session: they need no CSRF token.
   */
  private static RequestMatcher sessionlessForms(List<SecurityRules> features) {
    List<RequestMatcher> matchers =
        features.stream()
            .flatMap(feature -> feature.formsWithoutSession().stream())
            .map(pattern -> (RequestMatcher) PathPatternRequestMatcher.pathPattern(pattern))
            .toList();
    if (matchers.isEmpty()) {
      return request -> false;
    }
    RequestMatcher listed = new OrRequestMatcher(matchers);
    return request -> listed.matches(request) && request.getSession(false) == null;
  }

  /** The API GETs a browser session may authenticate; matches nothing when no feature lists one. */
  private static RequestMatcher sessionReads(List<SecurityRules> features) {
    List<RequestMatcher> matchers =
        features.stream()
            .flatMap(feature -> feature.apiGetsAcceptingSession().stream())
            .map(
                pattern ->
                    (RequestMatcher) PathPatternRequestMatcher.pathPattern(HttpMethod.GET, pattern))
            .toList();
    return matchers.isEmpty() ? request -> false : new OrRequestMatcher(matchers);
  }

  /** Login redirect for the pages features mark as needing one; 404 for everything else. */
  private static AuthenticationEntryPoint browserEntryPoint(
      List<SecurityRules> features, ProblemWriter problems) {
    LinkedHashMap<RequestMatcher, AuthenticationEntryPoint> entryPoints = new LinkedHashMap<>();
    // A scraper is a program: a problem+json 401 with its challenge, not the HTML error page.
    entryPoints.put(
        PathPatternRequestMatcher.pathPattern(PROMETHEUS),
        (request, response, ex) -> problems.write(response, 401));
    LoginUrlAuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint("/login");
    // "Location: /login", not an absolute URL built from the request's Host header.
    login.setFavorRelativeUris(true);
    features.stream()
        .flatMap(feature -> feature.pagesRequiringLogin().stream())
        .forEach(pattern -> entryPoints.put(PathPatternRequestMatcher.pathPattern(pattern), login));
    AuthenticationEntryPoint notFound = (request, response, ex) -> response.sendError(404);
    DelegatingAuthenticationEntryPoint delegating =
        new DelegatingAuthenticationEntryPoint(entryPoints);
    delegating.setDefaultEntryPoint(notFound);
    return delegating;
  }

  /**
   * Baseline headers. HSTS: Spring sends it only on requests it sees as HTTPS, which behind a
   * TLS-terminating proxy is none of them; so when the public URL is https every response carries
   * it (browsers ignore HSTS received over plain HTTP, so this cannot lock anyone out).
   */
  private static void headers(HttpSecurity http, PublicLinks links) throws Exception {
    http.headers(
        headers ->
            headers
                .addHeaderWriter(
                    new DelegatingRequestMatcherHeaderWriter(
                        new NegatedRequestMatcher(DOCS_UI),
                        new StaticHeadersWriter(CSP_HEADER, CONTENT_SECURITY_POLICY)))
                .addHeaderWriter(
                    new DelegatingRequestMatcherHeaderWriter(
                        DOCS_UI,
                        new StaticHeadersWriter(CSP_HEADER, DOCS_UI_CONTENT_SECURITY_POLICY)))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                .frameOptions(frame -> frame.deny())
                .httpStrictTransportSecurity(
                    hsts -> {
                      hsts.maxAgeInSeconds(31_536_000).includeSubDomains(true);
                      if (links.isHttps()) {
                        hsts.requestMatcher(AnyRequestMatcher.INSTANCE);
                      }
                    }));
  }
}
