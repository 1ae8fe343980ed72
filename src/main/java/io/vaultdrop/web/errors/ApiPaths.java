package io.vaultdrop.web.errors;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Tells API requests ({@code /api/**}, answered with problem+json) from browser requests (answered
 * with HTML pages). During an error dispatch the original request path decides. A tus request
 * ({@code Tus-Resumable} header) is a script's, never a page view: it gets problem+json on either
 * chain, so the web pages' uploader ({@code /uploads}) can show what went wrong.
 */
final class ApiPaths {

  private ApiPaths() {}

  static boolean isApi(HttpServletRequest request) {
    if (request.getHeader("Tus-Resumable") != null) {
      return true;
    }
    Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String uri = original instanceof String s ? s : request.getRequestURI();
    String context = request.getContextPath();
    String path = uri.startsWith(context) ? uri.substring(context.length()) : uri;
    return path.equals("/api") || path.startsWith("/api/");
  }
}
