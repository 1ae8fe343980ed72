package io.vaultdrop.accounts.apikeys.web;

import static io.vaultdrop.accounts.apikeys.ApiKeyScope.CAPSULES;
import static io.vaultdrop.accounts.apikeys.ApiKeyScope.FILES_READ;
import static io.vaultdrop.accounts.apikeys.ApiKeyScope.FILES_WRITE;
import static io.vaultdrop.accounts.apikeys.ApiKeyScope.LIBRARY_PUBLISH;
import static io.vaultdrop.accounts.apikeys.ApiKeyScope.LIBRARY_READ;
import static io.vaultdrop.accounts.apikeys.ApiKeyScope.SHARES_READ;
import static io.vaultdrop.accounts.apikeys.ApiKeyScope.SHARES_WRITE;
import static io.vaultdrop.accounts.apikeys.ApiKeyScope.TOOL;
import static io.vaultdrop.accounts.apikeys.ApiKeyScope.UPLOADS;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.HEAD;
import static org.springframework.http.HttpMethod.OPTIONS;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import io.vaultdrop.accounts.apikeys.ApiKeyScope;
import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The one table of what an API key may call under {@code /api}: each rule names the scopes a key
 * needs (all of them); the first matching rule decides. A request no rule matches is refused to
 * every key ({@code 403 insufficient_scope}): key management ({@code /api/v1/api-keys}), password
 * and account changes ({@code /api/v1/me/**}), sign-in ({@code /api/v1/auth/**}) and every admin
 * endpoint ({@code /api/v1/admin/**}; there is deliberately no admin scope) need a password-based
 * login, and an endpoint added later stays closed to keys until it is listed here. Scopes only
 * narrow: the account's role and the feature's own rules still apply. {@code docs/api-keys.md}
 * explains the table.
 */
final class ApiKeyScopeRules {

  /** Needs no scope: public endpoints that ignore who calls, and "who am I". */
  private static final Set<ApiKeyScope> ANY_KEY = Set.of();

  private record Rule(RequestMatcher matcher, Set<ApiKeyScope> scopes) {}

  private static final List<Rule> RULES =
      List.of(
          rule(null, "/api/docs", ANY_KEY),
          rule(null, "/api/docs/**", ANY_KEY),
          rule(GET, "/api/v1/me", ANY_KEY),
          // Share links: reading a link is public; creating, listing and revoking are not.
          rule(GET, "/api/v1/shares", SHARES_READ),
          rule(POST, "/api/v1/shares", SHARES_WRITE),
          rule(GET, "/api/v1/shares/*", ANY_KEY),
          rule(HEAD, "/api/v1/shares/*", ANY_KEY),
          rule(POST, "/api/v1/shares/*/download", ANY_KEY),
          rule(DELETE, "/api/v1/shares/*", SHARES_WRITE),
          // Vault. Sharing a vault file publishes its content: both scopes.
          rule(POST, "/api/v1/files/*/share", FILES_READ, SHARES_WRITE),
          rule(GET, "/api/v1/files", FILES_READ),
          rule(GET, "/api/v1/files/**", FILES_READ),
          rule(POST, "/api/v1/files", FILES_WRITE),
          rule(DELETE, "/api/v1/files/*", FILES_WRITE),
          // Encrypt and decrypt tool.
          rule(null, "/api/v1/encryptions", TOOL),
          rule(null, "/api/v1/encryptions/**", TOOL),
          rule(null, "/api/v1/decryptions", TOOL),
          rule(null, "/api/v1/decryptions/**", TOOL),
          // Capsules.
          rule(null, "/api/v1/capsules", CAPSULES),
          rule(null, "/api/v1/capsules/**", CAPSULES),
          // Library: reading (and one's own subscription) vs. publishing (operators, admins).
          rule(null, "/api/v1/library/subscription", LIBRARY_READ),
          rule(GET, "/api/v1/library/*/downloads", LIBRARY_PUBLISH),
          rule(POST, "/api/v1/library", LIBRARY_PUBLISH),
          rule(PUT, "/api/v1/library/*", LIBRARY_PUBLISH),
          rule(DELETE, "/api/v1/library/*", LIBRARY_PUBLISH),
          rule(GET, "/api/v1/library", LIBRARY_READ),
          rule(GET, "/api/v1/library/*", LIBRARY_READ),
          rule(POST, "/api/v1/library/*/download-link", LIBRARY_READ),
          rule(GET, "/api/v1/library/downloads/*", LIBRARY_READ),
          // Resumable uploads; turning a finished upload into something needs that target's scope.
          rule(OPTIONS, "/api/v1/uploads", ANY_KEY),
          rule(POST, "/api/v1/uploads", UPLOADS),
          rule(HEAD, "/api/v1/uploads/*", UPLOADS),
          rule(PATCH, "/api/v1/uploads/*", UPLOADS),
          rule(DELETE, "/api/v1/uploads/*", UPLOADS));

  private ApiKeyScopeRules() {}

  /** The scopes a key needs for {@code request}; empty when no key may make it. */
  static Optional<Set<ApiKeyScope>> required(HttpServletRequest request) {
    return RULES.stream()
        .filter(rule -> rule.matcher().matches(request))
        .findFirst()
        .map(Rule::scopes);
  }

  private static Rule rule(@Nullable HttpMethod method, String pattern, ApiKeyScope... scopes) {
    Set<ApiKeyScope> needed = EnumSet.noneOf(ApiKeyScope.class);
    needed.addAll(List.of(scopes));
    return rule(method, pattern, Set.copyOf(needed));
  }

  private static Rule rule(@Nullable HttpMethod method, String pattern, Set<ApiKeyScope> scopes) {
    return new Rule(PathPatternRequestMatcher.pathPattern(method, pattern), scopes);
  }
}
