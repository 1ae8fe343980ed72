package io.vaultdrop.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Whether a controller would handle a request, asked from the security filters before MVC runs:
 * they refuse what exists and let unknown paths through to MVC's 404 (or 405), so that a refusal
 * never tells an unknown path from a forbidden one the wrong way round.
 */
public final class ControllerEndpoints {

  private final RequestMappingHandlerMapping handlers;

  public ControllerEndpoints(RequestMappingHandlerMapping handlers) {
    this.handlers = handlers;
  }

  /** {@code true} when a controller method matches the request's path, method and media types. */
  public boolean handle(HttpServletRequest request) {
    // Handler look-up stores match details as request attributes; leave none behind for MVC.
    Set<String> before = new HashSet<>(Collections.list(request.getAttributeNames()));
    try {
      HandlerExecutionChain chain = handlers.getHandler(request);
      return chain != null;
    } catch (Exception noSingleMatch) {
      // Wrong method or media type: MVC answers 405/415/406 without running any handler.
      return false;
    } finally {
      for (String name : Collections.list(request.getAttributeNames())) {
        if (!before.contains(name)) {
          request.removeAttribute(name);
        }
      }
    }
  }
}
