package io.vaultdrop.web.security;

import io.vaultdrop.config.InvalidSettingException;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may scrape {@code /actuator/prometheus} ({@code vaultdrop.metrics.*}, env {@code
 * VAULTDROP_METRICS_TOKEN}).
 *
 * <p>Metrics reveal traffic patterns, user counts and timings, so they are closed unless an
 * operator sets a scrape token; a scraper then sends {@code Authorization: Bearer <token>}
 * (Prometheus {@code authorization.credentials}). The token is compared in constant time and never
 * logged. Unset: every request is refused.
 *
 * @param token shared secret of the scraper, at least 32 characters; blank or unset disables
 *     metrics
 */
@ConfigurationProperties("vaultdrop.metrics")
public record MetricsAccess(@Nullable String token) {

  static final int MIN_TOKEN_LENGTH = 32;
  private static final String BEARER = "Bearer ";

  public MetricsAccess {
    if (token != null && token.isBlank()) {
      token = null;
    }
    if (token != null && (token.length() < MIN_TOKEN_LENGTH || !token.strip().equals(token))) {
      throw new InvalidSettingException(
          "VAULTDROP_METRICS_TOKEN",
          "must be at least " + MIN_TOKEN_LENGTH + " characters without surrounding spaces");
    }
  }

  /** Whether the request carries the configured scrape token. */
  boolean permits(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (token == null || header == null || !header.regionMatches(true, 0, BEARER, 0, 7)) {
      return false;
    }
    byte[] presented = header.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(presented, token.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "MetricsAccess[token=" + (token == null ? "unset" : "<set>") + "]";
  }
}
