package io.vaultdrop.accounts.apikeys;

import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.accounts.internal.StoredUser;
import io.vaultdrop.accounts.internal.UserRepository;
import io.vaultdrop.crypto.KeyUnwrapException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Checks a presented key on every request that carries one: well-formed, known, its hash matching
 * (constant time), not expired, its account enabled. The account is read fresh, so a disabled
 * account's keys stop working at once and the role is always the current one. The last-used time is
 * written at most once per {@link #TOUCH_INTERVAL} per key.
 */
@Component
public final class ApiKeyAuthenticator {

  static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

  private final ApiKeyRepository keys;
  private final ApiKeyHashes hashes;
  private final UserRepository users;
  private final Clock clock;

  ApiKeyAuthenticator(
      ApiKeyRepository keys, ApiKeyHashes hashes, UserRepository users, Clock clock) {
    this.keys = keys;
    this.hashes = hashes;
    this.users = users;
    this.clock = clock;
  }

  /** The key's owner and scopes; empty for a malformed, unknown, revoked or expired key. */
  public Optional<AuthenticatedApiKey> authenticate(String presented) {
    Instant now = Instant.ofEpochMilli(clock.millis());
    Optional<StoredApiKey> found =
        ApiKeyFormat.idOf(presented)
            .flatMap(keys::find)
            .filter(key -> matches(key, presented))
            .filter(key -> key.expiresAt() == null || key.expiresAt().isAfter(now));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    StoredApiKey key = found.get();
    Optional<StoredUser> user = users.findById(key.userId()).filter(StoredUser::enabled);
    if (user.isEmpty()) {
      return Optional.empty();
    }
    if (key.lastUsedAt() == null || key.lastUsedAt().isBefore(now.minus(TOUCH_INTERVAL))) {
      keys.touch(key.id(), now, now.minus(TOUCH_INTERVAL));
    }
    StoredUser u = user.get();
    CurrentUser current =
        new CurrentUser(
            u.id(),
            u.email(),
            u.role(),
            u.emailVerified(),
            u.credentialsChangedAt().toEpochMilli(),
            now);
    return Optional.of(new AuthenticatedApiKey(key.id(), current, key.scopes()));
  }

  private boolean matches(StoredApiKey key, String presented) {
    try {
      return hashes.matches(key.hashKeyId(), presented, key.keyHash());
    } catch (KeyUnwrapException retiredMasterKey) {
      // Hashed under a master key no longer in the ring: the key cannot be checked, so it fails.
      return false;
    }
  }
}
