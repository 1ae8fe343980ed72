package io.vaultdrop.accounts.security;

import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.audit.AuditEventType;
import io.vaultdrop.audit.AuditLog;
import io.vaultdrop.ratelimit.ClientAddresses;
import io.vaultdrop.ratelimit.RateLimitedException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The login form's throttle, audit and outcomes (the throttle takes an attempt before the password
 * check and gives it back when the password was right). Every failure looks the same to the visitor
 * ("wrong e-mail or password") except an unverified address with the right password, which only its
 * owner can reach.
 */
@Component
final class LoginFormHandlers {

  static final String EMAIL_PARAMETER = "email";
  private static final RequestMatcher LOGIN_POST =
      PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/login");

  private final LoginThrottle throttle;
  private final AuditLog audit;
  private final ClientAddresses addresses;

  LoginFormHandlers(LoginThrottle throttle, AuditLog audit, ClientAddresses addresses) {
    this.throttle = throttle;
    this.audit = audit;
    this.addresses = addresses;
  }

  /** Refuses a login POST with 429 before any password work once a budget is spent. */
  OncePerRequestFilter throttleFilter() {
    return new OncePerRequestFilter() {
      @Override
      protected boolean shouldNotFilter(HttpServletRequest request) {
        return !LOGIN_POST.matches(request);
      }

      @Override
      protected void doFilterInternal(
          HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        String email = request.getParameter(EMAIL_PARAMETER);
        String address = addresses.of(request);
        try {
          throttle.begin(email, address);
        } catch (RateLimitedException limited) {
          audit.record(AuditEventType.LOGIN_THROTTLED, email, null, address, null);
          response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()));
          response.sendError(429);
          return;
        }
        chain.doFilter(request, response);
      }
    };
  }

  /**
   * After a login: the page asked for before it (saved by Spring Security when a signed-out visitor
   * opened a page that needs a login), else the user's own files. The target is sent as a path,
   * never as the absolute URL the saved request holds, which was built from that request's {@code
   * Host} header.
   */
  AuthenticationSuccessHandler success() {
    RequestCache saved = new HttpSessionRequestCache();
    return (request, response, authentication) -> {
      String id = CurrentUser.of(authentication).map(CurrentUser::id).orElse(null);
      throttle.succeeded(request.getParameter(EMAIL_PARAMETER), addresses.of(request));
      audit.record(AuditEventType.LOGIN_SUCCEEDED, id, null, addresses.of(request), "web");
      SavedRequest asked = saved.getRequest(request, response);
      saved.removeRequest(request, response);
      response.sendRedirect(
          request.getContextPath() + (asked == null ? "/vault" : localTarget(asked)));
    };
  }

  /** Path and query of a saved request; {@code /vault} for anything that is not a local path. */
  static String localTarget(SavedRequest asked) {
    try {
      URI uri = URI.create(asked.getRedirectUrl());
      String path = uri.getRawPath();
      if (path == null || !path.startsWith("/") || path.startsWith("//")) {
        return "/vault";
      }
      return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    } catch (IllegalArgumentException e) {
      return "/vault";
    }
  }

  AuthenticationFailureHandler failure() {
    return (HttpServletRequest request,
        HttpServletResponse response,
        AuthenticationException e) -> {
      String email = request.getParameter(EMAIL_PARAMETER);
      String address = addresses.of(request);
      if (e instanceof EmailNotVerifiedException) {
        throttle.succeeded(email, address); // the password was right
        response.sendRedirect(request.getContextPath() + "/login?unverified");
        return;
      }
      if (e instanceof PasswordChecksBusyException) {
        throttle.succeeded(email, address); // not a guess: nothing was checked
        // The form again with a "busy, try again" notice (like ?error), not an error page.
        response.sendRedirect(request.getContextPath() + "/login?busy");
        return;
      }
      audit.record(AuditEventType.LOGIN_FAILED, email, null, address, "web");
      response.sendRedirect(request.getContextPath() + "/login?error");
    };
  }

  /** Audits a logout before the session is gone. */
  void loggedOut(Authentication authentication, HttpServletRequest request) {
    CurrentUser.of(authentication)
        .ifPresent(
            user ->
                audit.record(AuditEventType.LOGOUT, user.id(), null, addresses.of(request), null));
  }
}
