package io.vaultdrop.accounts.apikeys;

import io.vaultdrop.accounts.AccountException;
import io.vaultdrop.accounts.PasswordResetEvent;
import io.vaultdrop.accounts.internal.StoredUser;
import io.vaultdrop.accounts.internal.UserRepository;
import io.vaultdrop.audit.AuditEventType;
import io.vaultdrop.audit.AuditLog;
import io.vaultdrop.crypto.KeyUnwrapException;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API keys: create (the key is returned once and stored only as a keyed hash), list,
 * revoke, and an administrator's revoke. Every change is audited, without the key. A password reset
 * ends every key of the account; deleting the account deletes them (foreign key cascade).
 *
 * <p>Callers must make sure the request to create a key comes from a password-based login (a web
 * session or a JWT), never from another key: the API chain's scope rules refuse keys on these
 * endpoints.
 */
@Service
public class ApiKeys {

  /** How many working (unexpired) keys one account may hold. */
  static final int MAX_KEYS_PER_USER = 50;

  /**
   * How long an expired key stays listed (as "expired", so its owner sees why a script stopped)
   * before {@link ApiKeySweeper} deletes it.
   */
  static final Duration EXPIRED_KEY_RETENTION = Duration.ofDays(30);

  private final ApiKeyRepository keys;
  private final ApiKeyHashes hashes;
  private final UserRepository users;
  private final AuditLog audit;
  private final Clock clock;

  ApiKeys(
      ApiKeyRepository keys,
      ApiKeyHashes hashes,
      UserRepository users,
      AuditLog audit,
      Clock clock) {
    this.keys = keys;
    this.hashes = hashes;
    this.users = users;
    this.audit = audit;
    this.clock = clock;
  }

  @Transactional
  public CreatedApiKey create(
      String userId,
      @Nullable String name,
      @Nullable Collection<String> scopes,
      @Nullable Instant expiresAt,
      String clientAddress) {
    Instant now = now();
    ApiKeyRequest request = ApiKeyRequest.of(name, scopes, expiresAt, now);
    users.lock(userId).orElseThrow(AccountException::notFound);
    StoredUser user = users.findById(userId).orElseThrow(AccountException::notFound);
    // Counted under the account's row lock: concurrent creates cannot pass the limit together.
    if (keys.countWorkingByUser(userId, now) >= MAX_KEYS_PER_USER) {
      throw new DomainException(
          ErrorCode.API_KEY_LIMIT, "problem.api-keys.limit", String.valueOf(MAX_KEYS_PER_USER));
    }
    String id = ApiKeyFormat.newId();
    String key = ApiKeyFormat.newKey(id);
    String hashKeyId = hashes.primaryKeyId();
    StoredApiKey stored =
        new StoredApiKey(
            id,
            userId,
            request.name(),
            request.scopes(),
            hash(hashKeyId, key),
            hashKeyId,
            now,
            request.expiresAt(),
            null);
    keys.insert(stored);
    audit.record(
        AuditEventType.API_KEY_CREATED,
        userId,
        user.email(),
        clientAddress,
        "key=" + id + " scopes=" + StoredApiKey.column(request.scopes()));
    return new CreatedApiKey(stored.view(), key);
  }

  /** The user's keys, oldest first. */
  public List<ApiKeyView> list(String userId) {
    return keys.findByUser(userId).stream().map(StoredApiKey::view).toList();
  }

  /** An administrator's view of a user's keys; {@code not_found} for an unknown user. */
  public List<ApiKeyView> listOf(String userId) {
    users.findById(userId).orElseThrow(AccountException::notFound);
    return list(userId);
  }

  /** Revokes one of the caller's own keys; another user's key is {@code not_found}. */
  @Transactional
  public void revoke(String userId, String keyId, String clientAddress) {
    StoredApiKey key =
        keys.find(keyId)
            .filter(k -> k.userId().equals(userId))
            .orElseThrow(DomainException::notFound);
    keys.delete(key.id());
    audit.record(
        AuditEventType.API_KEY_REVOKED, userId, email(userId), clientAddress, "key=" + key.id());
  }

  /** An administrator revokes any key; returns the owner's id. */
  @Transactional
  public String revokeAsAdmin(String keyId, String adminId, String clientAddress) {
    StoredApiKey key = keys.find(keyId).orElseThrow(DomainException::notFound);
    keys.delete(key.id());
    audit.record(
        AuditEventType.API_KEY_REVOKED_BY_ADMIN,
        adminId,
        email(key.userId()),
        clientAddress,
        "key=" + key.id());
    return key.userId();
  }

  /** Deletes the keys that expired more than {@link #EXPIRED_KEY_RETENTION} ago. */
  int deleteLongExpired() {
    return keys.deleteExpiredBefore(now().minus(EXPIRED_KEY_RETENTION));
  }

  /** Runs inside the reset's transaction: the keys end exactly when the password changes. */
  @EventListener
  public void onPasswordReset(PasswordResetEvent event) {
    keys.deleteByUser(event.userId());
  }

  private String hash(String hashKeyId, String key) {
    try {
      return hashes.hash(hashKeyId, key);
    } catch (KeyUnwrapException e) {
      throw new IllegalStateException("the primary master key is not in the ring", e);
    }
  }

  private @Nullable String email(String userId) {
    return users.findById(userId).map(StoredUser::email).orElse(null);
  }

  private Instant now() {
    return Instant.ofEpochMilli(clock.millis());
  }
}
