package io.vaultdrop.web.security;

import io.vaultdrop.web.ControllerEndpoints;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The last rule of both chains, for requests no feature listed.
 *
 * <p>Such a request is let through only when no controller would handle it, so that it reaches
 * MVC's 404 (a {@code not_found} problem for the API, the "not found" page for a browser, signed in
 * or not) or 405. A controller endpoint that its feature forgot to list in its {@link
 * io.vaultdrop.web.SecurityRules} is refused instead of becoming public: deny by default, without
 * turning unknown paths into 401s or 403s.
 */
final class UnlistedRequests implements AuthorizationManager<RequestAuthorizationContext> {

  private final ControllerEndpoints endpoints;

  UnlistedRequests(RequestMappingHandlerMapping handlers) {
    this.endpoints = new ControllerEndpoints(handlers);
  }

  @Override
  public AuthorizationResult authorize(
      Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
    return new AuthorizationDecision(!endpoints.handle(context.getRequest()));
  }
}
