package io.vaultdrop.accounts.apikeys.web;

import io.vaultdrop.accounts.apikeys.ApiKeyAuthentication;
import io.vaultdrop.accounts.apikeys.ApiKeyScope;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.web.ControllerEndpoints;
import io.vaultdrop.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs on the API chain right after bearer authentication: a request authenticated by an API key
 * goes on only when the key holds every scope {@link ApiKeyScopeRules} asks for; otherwise {@code
 * 403 insufficient_scope} naming the first missing scope (or, for an endpoint closed to keys, no
 * scope). A path no controller handles goes on to MVC's 404. Other requests pass untouched.
 */
final class ApiKeyScopeFilter extends OncePerRequestFilter {

  private final ProblemResponses problems;
  private final ControllerEndpoints endpoints;

  ApiKeyScopeFilter(ProblemResponses problems, ControllerEndpoints endpoints) {
    this.problems = problems;
    this.endpoints = endpoints;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (SecurityContextHolder.getContext().getAuthentication()
        instanceof ApiKeyAuthentication key) {
      Optional<Set<ApiKeyScope>> needed = ApiKeyScopeRules.required(request);
      if (needed.isEmpty() && !endpoints.handle(request)) {
        // An unknown path: MVC's 404, as for any other caller.
        chain.doFilter(request, response);
        return;
      }
      if (needed.isEmpty()) {
        problems.write(response, refusal("problem.api-keys.not-here", Map.of()));
        return;
      }
      Optional<ApiKeyScope> missing =
          needed.get().stream()
              .filter(scope -> !key.scopes().contains(scope))
              .min(Comparator.naturalOrder());
      if (missing.isPresent()) {
        problems.write(
            response,
            refusal("problem.api-keys.missing-scope", Map.of("scope", missing.get().value())));
        return;
      }
    }
    chain.doFilter(request, response);
  }

  private static DomainException refusal(String detailKey, Map<String, Object> properties) {
    return new DomainException(ErrorCode.INSUFFICIENT_SCOPE, detailKey, properties);
  }
}
