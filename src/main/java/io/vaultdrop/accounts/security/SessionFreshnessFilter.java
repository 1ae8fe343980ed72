package io.vaultdrop.accounts.security;

import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.accounts.internal.StoredUser;
import io.vaultdrop.accounts.internal.UserRepository;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a web login that is no longer valid, on every request: the account was deleted or disabled,
 * its password or role changed since (the credentials version differs), or the absolute session
 * lifetime has passed. Works across nodes because it asks the database, not a session registry.
 */
final class SessionFreshnessFilter extends OncePerRequestFilter {

  private final UserRepository users;
  private final Clock clock;
  private final Duration absoluteTimeout;

  SessionFreshnessFilter(UserRepository users, Clock clock, Duration absoluteTimeout) {
    this.users = users;
    this.clock = clock;
    this.absoluteTimeout = absoluteTimeout;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    CurrentUser.of(authentication)
        .filter(user -> !isFresh(user))
        .ifPresent(
            stale -> {
              SecurityContextHolder.clearContext();
              HttpSession session = request.getSession(false);
              if (session != null) {
                session.invalidate();
              }
            });
    chain.doFilter(request, response);
  }

  private boolean isFresh(CurrentUser user) {
    if (user.authenticatedAt().plus(absoluteTimeout).isBefore(clock.instant())) {
      return false;
    }
    return users
        .findById(user.id())
        .filter(StoredUser::enabled)
        .map(u -> u.credentialsChangedAt().toEpochMilli() == user.credentialsVersion())
        .orElse(false);
  }
}
