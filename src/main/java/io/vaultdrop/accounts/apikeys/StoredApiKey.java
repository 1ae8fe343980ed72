package io.vaultdrop.accounts.apikeys;

import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** An {@code api_keys} row; {@code keyHash} never leaves this package. */
record StoredApiKey(
    String id,
    String userId,
    String name,
    Set<ApiKeyScope> scopes,
    String keyHash,
    String hashKeyId,
    Instant createdAt,
    @Nullable Instant expiresAt,
    @Nullable Instant lastUsedAt) {

  ApiKeyView view() {
    return new ApiKeyView(
        id,
        name,
        scopes.stream().sorted(Comparator.naturalOrder()).map(ApiKeyScope::value).toList(),
        createdAt,
        expiresAt,
        lastUsedAt);
  }

  /** The {@code scopes} column: names separated by single spaces. */
  static String column(Set<ApiKeyScope> scopes) {
    return scopes.stream()
        .sorted(Comparator.naturalOrder())
        .map(ApiKeyScope::value)
        .collect(Collectors.joining(" "));
  }

  /** The scopes of a {@code scopes} column; names this version does not know are dropped. */
  static Set<ApiKeyScope> scopesOf(String column) {
    Set<ApiKeyScope> scopes = EnumSet.noneOf(ApiKeyScope.class);
    Arrays.stream(column.split(" "))
        .flatMap(name -> ApiKeyScope.of(name).stream())
        .forEach(scopes::add);
    return scopes;
  }

  @Override
  public String toString() {
    return "StoredApiKey[id=" + id + ", user=" + userId + "]";
  }
}
