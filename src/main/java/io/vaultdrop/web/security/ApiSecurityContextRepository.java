package io.vaultdrop.web.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The API chain's security context: kept per request (stateless), except that requests matching
 * {@code sessionReads} (GETs that features list in {@link
 * io.vaultdrop.web.SecurityRules#apiGetsAcceptingSession()}) start from the browser session's login
 * when there is one. The session is only read: never created, never written, so an API call cannot
 * log anyone in or out of the browser.
 */
final class ApiSecurityContextRepository implements SecurityContextRepository {

  private final RequestAttributeSecurityContextRepository perRequest =
      new RequestAttributeSecurityContextRepository();
  private final HttpSessionSecurityContextRepository sessions =
      new HttpSessionSecurityContextRepository();
  private final RequestMatcher sessionReads;

  ApiSecurityContextRepository(RequestMatcher sessionReads) {
    this.sessionReads = sessionReads;
    sessions.setAllowSessionCreation(false);
  }

  @Override
  public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
    if (sessionReads.matches(request) && !perRequest.containsContext(request)) {
      return sessions.loadDeferredContext(request);
    }
    return perRequest.loadDeferredContext(request);
  }

  @Override
  @Deprecated
  public SecurityContext loadContext(HttpRequestResponseHolder holder) {
    return loadDeferredContext(holder.getRequest()).get();
  }

  @Override
  public void saveContext(
      SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
    perRequest.saveContext(context, request, response);
  }

  @Override
  public boolean containsContext(HttpServletRequest request) {
    return perRequest.containsContext(request)
        || (sessionReads.matches(request) && sessions.containsContext(request));
  }
}
