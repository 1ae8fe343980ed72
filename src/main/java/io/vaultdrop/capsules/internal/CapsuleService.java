package io.vaultdrop.capsules.internal;

import io.vaultdrop.crypto.CipherSuite;
import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.crypto.DecryptionFailedException;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.objects.FeatureObjects;
import io.vaultdrop.objects.NewObject;
import io.vaultdrop.objects.ObjectGoneException;
import io.vaultdrop.objects.OpenedObject;
import io.vaultdrop.objects.StoredObjects;
import io.vaultdrop.storage.BlobId;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates, opens and deletes capsules on the stored-object lifecycle ({@code docs/objects.md}). The
 * object is encrypted with a fresh data key and the blob id as associated data (a blob moved under
 * another capsule does not open); the key leaves the server only inside the JWE and is never
 * stored.
 */
@Service
public final class CapsuleService implements FeatureObjects {

  /** The feature name in the object ledger. */
  static final String FEATURE = "capsules";

  /** Written into the object header: the data key is protected by the capsule JWE. */
  static final String OBJECT_KEY_ID = "capsule-jwe";

  private static final int SWEEP_BATCH = 500;

  private final StoredObjects objects;
  private final CapsuleTokens tokens;
  private final CapsuleRows rows;
  private final CapsuleProperties properties;
  private final Clock clock;
  private final TransactionTemplate transactions;

  CapsuleService(
      StoredObjects objects,
      CapsuleTokens tokens,
      CapsuleRows rows,
      CapsuleProperties properties,
      Clock clock,
      TransactionTemplate transactions) {
    this.objects = objects;
    this.tokens = tokens;
    this.rows = rows;
    this.properties = properties;
    this.clock = clock;
    this.transactions = transactions;
  }

  /**
   * A capsule's content stored encrypted under a fresh key as a pending object; {@link #publish}
   * makes it a capsule and issues its JWE, closing it without that discards it (and wipes the key).
   */
  public static final class PendingCapsule implements AutoCloseable {
    private final NewObject object;
    private final DataKey key;
    private final String name;
    private final long size;
    private final @Nullable String ownerId;

    PendingCapsule(
        NewObject object, DataKey key, String name, long size, @Nullable String ownerId) {
      this.object = object;
      this.key = key;
      this.name = name;
      this.size = size;
      this.ownerId = ownerId;
    }

    @Override
    public void close() {
      try {
        object.close();
      } finally {
        key.destroy();
      }
    }

    @Override
    public String toString() {
      return "PendingCapsule[" + object.id() + "]";
    }
  }

  /**
   * Streams {@code content} encrypted into a pending capsule. A failure (a broken body, too many
   * bytes, storage down) leaves nothing.
   *
   * @param fileName the display name, already sanitised
   * @param ownerId the signed-in creator, or {@code null} for an anonymous one
   * @param maxBytes the most plaintext bytes accepted
   * @throws io.vaultdrop.objects.ObjectTooLargeException beyond {@code maxBytes}
   * @throws io.vaultdrop.objects.StorageUnavailableException the blob store failed
   */
  public PendingCapsule store(
      String fileName, InputStream content, @Nullable String ownerId, long maxBytes)
      throws IOException {
    DataKey key = DataKey.generate();
    NewObject object;
    try {
      object = objects.create(FEATURE, maxBytes);
    } catch (IOException | RuntimeException e) {
      key.destroy();
      throw e;
    }
    PendingCapsule pending = null;
    try {
      BlobId id = object.id();
      long size =
          object.store(content, CipherSuite.AES_256_GCM, key, OBJECT_KEY_ID, associatedData(id));
      pending = new PendingCapsule(object, key, fileName, size, ownerId);
      return pending;
    } finally {
      if (pending == null) {
        object.close();
        key.destroy();
      }
    }
  }

  /**
   * Issues the capsule's JWE, then publishes the object with its row: the JWE is handed out only
   * for a capsule that exists, and a capsule exists only if its JWE was made.
   */
  public CreatedCapsule publish(PendingCapsule pending) {
    Instant now = clock.instant();
    BlobId id = pending.object.id();
    String jwe =
        tokens.issue(
            new CapsuleClaims(pending.name, id, pending.key, pending.size, now.getEpochSecond()));
    pending.object.publish(() -> rows.insert(id, pending.ownerId, now));
    return new CreatedCapsule(id, jwe);
  }

  /**
   * Opens the capsule named by {@code token}. The object is opened and its key commitment checked
   * before this returns; closing the content releases the object and wipes the key.
   *
   * @throws InvalidCapsuleTokenException not a token of this server
   * @throws DomainException 404 when the capsule was deleted or has expired; 500 {@code
   *     object_damaged} when the stored object does not match its token
   * @throws io.vaultdrop.objects.StorageUnavailableException the blob store failed (nothing was
   *     consumed: the token works again once storage is back)
   */
  public OpenedCapsule open(String token) throws IOException {
    CapsuleClaims claims = tokens.open(token);
    DataKey key = claims.key();
    OpenedObject object = null;
    try {
      requireLive(claims.blobId());
      try {
        object = objects.open(claims.blobId());
      } catch (ObjectGoneException e) {
        throw gone();
      }
      InputStream plaintext;
      try {
        plaintext = object.decrypt(key, associatedData(claims.blobId()));
      } catch (DecryptionFailedException e) {
        throw new DomainException(ErrorCode.OBJECT_DAMAGED, "problem.capsule.damaged");
      }
      return new OpenedCapsule(
          claims.name(), claims.size(), releasingOnClose(plaintext, object, key));
    } catch (IOException | RuntimeException e) {
      if (object != null) {
        object.close();
      }
      key.destroy();
      throw e;
    }
  }

  /**
   * Deletes the capsule named by {@code token} (the token proves possession): its row and its
   * object in one transaction; the blob goes once it commits and no open reads it.
   *
   * @throws DomainException 404 when it is already gone
   */
  public void delete(String token) {
    CapsuleClaims claims = tokens.open(token);
    claims.key().destroy();
    if (!deleteCapsule(claims.blobId())) {
      throw gone();
    }
  }

  /** Deletes capsules older than the maximum age (none when it is unset); returns how many. */
  @Override
  public int deleteExpired(Instant now) {
    if (properties.maxAge() == null) {
      return 0;
    }
    Instant cutoff = now.minus(properties.maxAge());
    int deleted = 0;
    List<BlobId> batch;
    do {
      batch = rows.createdBefore(cutoff, SWEEP_BATCH);
      deleted += deleteAll(batch);
    } while (batch.size() == SWEEP_BATCH);
    return deleted;
  }

  /**
   * Deletes every capsule {@code ownerId} created, inside the caller's transaction (the account
   * deletion's): the blobs go only after it commits.
   */
  @Override
  public int deleteAllOf(String ownerId) {
    return deleteAll(rows.ownedBy(ownerId));
  }

  /** Rows and objects in one transaction (joining the caller's); returns how many rows went. */
  private int deleteAll(List<BlobId> ids) {
    if (ids.isEmpty()) {
      return 0;
    }
    Integer deleted =
        transactions.execute(
            status -> {
              int count = 0;
              for (BlobId id : ids) {
                if (rows.delete(id)) {
                  count++;
                }
              }
              objects.delete(ids);
              return count;
            });
    return deleted == null ? 0 : deleted;
  }

  /** Row and object in one transaction; whether either still existed. */
  private boolean deleteCapsule(BlobId id) {
    return Boolean.TRUE.equals(
        transactions.execute(
            status -> {
              boolean row = rows.delete(id);
              boolean object = objects.delete(id) > 0;
              return row || object;
            }));
  }

  private void requireLive(BlobId id) {
    Optional<Instant> created = rows.createdAt(id);
    if (created.isEmpty()) {
      throw gone();
    }
    if (properties.maxAge() != null
        && !created.get().plus(properties.maxAge()).isAfter(clock.instant())) {
      throw gone();
    }
  }

  /**
   * 404 for a capsule of this server (its token opened) that expired or was deleted: only the
   * holder of a valid token learns that it once existed.
   */
  private static DomainException gone() {
    return new DomainException(ErrorCode.NOT_FOUND, "problem.capsule.gone");
  }

  static byte[] associatedData(BlobId id) {
    return ("capsule:" + id.value()).getBytes(StandardCharsets.US_ASCII);
  }

  /** Closing the stream releases the opened object (a reader of it) and wipes the key. */
  private static InputStream releasingOnClose(InputStream in, OpenedObject object, DataKey key) {
    return new FilterInputStream(in) {
      @Override
      public void close() throws IOException {
        try {
          super.close();
        } finally {
          try {
            object.close();
          } finally {
            key.destroy();
          }
        }
      }
    };
  }

  @Override
  public String feature() {
    return FEATURE;
  }
}
