package io.vaultdrop.accounts.apikeys;

import io.vaultdrop.errors.DomainException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A validated request for a new key, from the API or the page. Every refusal is {@code
 * invalid_request} with a fixed text that repeats none of the input.
 *
 * @param expiresAt {@code null} for a key that does not expire
 */
record ApiKeyRequest(String name, Set<ApiKeyScope> scopes, @Nullable Instant expiresAt) {

  static final int MAX_NAME = 100;
  static final Duration MAX_LIFETIME = Duration.ofDays(366);

  static ApiKeyRequest of(
      @Nullable String name,
      @Nullable Collection<String> scopes,
      @Nullable Instant expiresAt,
      Instant now) {
    String trimmed = name == null ? "" : name.strip();
    if (trimmed.isEmpty()
        || trimmed.codePointCount(0, trimmed.length()) > MAX_NAME
        || trimmed.codePoints().anyMatch(Character::isISOControl)) {
      throw DomainException.invalidRequest("problem.api-keys.name", String.valueOf(MAX_NAME));
    }
    if (scopes == null || scopes.isEmpty()) {
      throw DomainException.invalidRequest("problem.api-keys.no-scope");
    }
    Set<ApiKeyScope> known = EnumSet.noneOf(ApiKeyScope.class);
    for (String scope : scopes) {
      known.add(
          ApiKeyScope.of(scope)
              .orElseThrow(() -> DomainException.invalidRequest("problem.api-keys.unknown-scope")));
    }
    if (expiresAt != null
        && (!expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(MAX_LIFETIME)))) {
      throw DomainException.invalidRequest("problem.api-keys.expiry");
    }
    // Stored in epoch milliseconds: the answer to the create call says what the table holds.
    return new ApiKeyRequest(
        trimmed, known, expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MILLIS));
  }
}
