package io.vaultdrop.accounts.apikeys;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** An API key as its owner and administrators see it: never the key itself. */
public record ApiKeyView(
    String id,
    String name,
    List<String> scopes,
    Instant createdAt,
    @Nullable Instant expiresAt,
    @Nullable Instant lastUsedAt) {

  /** Whether the key no longer works because its expiry has passed at {@code now}. */
  public boolean expiredAt(Instant now) {
    return expiresAt != null && !expiresAt.isAfter(now);
  }
}
