package io.vaultdrop.vault.internal;

import com.google.crypto.tink.HybridEncrypt;
import io.vaultdrop.config.VaultdropProperties;
import io.vaultdrop.crypto.CipherSuite;
import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.objects.NewObject;
import io.vaultdrop.objects.ObjectTooLargeException;
import io.vaultdrop.objects.StoredObjects;
import io.vaultdrop.ratelimit.RateLimitPolicy;
import io.vaultdrop.ratelimit.RateLimiter;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Streams an upload into a new vault file within the owner's quota (see {@code docs/vault.md}
 * "Quota"): the upload first reserves what it may write, in a transaction holding the owner's key
 * row lock, so concurrent uploads (on any node) never exceed the quota together; the reservation is
 * the size limit of the file's stored object, whose sink cuts the stream there ({@code 413
 * quota_exceeded}, or {@code 413 too_large} when the largest upload is what bounds it). The object
 * is published together with the file row, which replaces the reservation; on any failure the
 * object is discarded and the reservation removed. The blobs of crashed uploads are pending objects
 * that the object sweeper removes; their reservations go after {@code
 * VAULTDROP_VAULT_UPLOAD_TIMEOUT} ({@link VaultService#deleteExpired}).
 */
@Component
final class VaultUploads {

  static final String FEATURE = "vault";
  private static final Logger log = LoggerFactory.getLogger(VaultUploads.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final VaultFileRepository files;
  private final UserKeys keys;
  private final StoredObjects objects;
  private final RateLimiter limiter;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final long maxUpload;
  private final long quota;
  private final RateLimitPolicy uploads;

  VaultUploads(
      VaultFileRepository files,
      UserKeys keys,
      StoredObjects objects,
      RateLimiter limiter,
      TransactionTemplate transactions,
      Clock clock,
      VaultdropProperties vaultdrop,
      VaultProperties properties) {
    this.files = files;
    this.keys = keys;
    this.objects = objects;
    this.limiter = limiter;
    this.transactions = transactions;
    this.clock = clock;
    this.maxUpload = vaultdrop.maxUploadSize().toBytes();
    this.quota = properties.quota().toBytes();
    this.uploads =
        new RateLimitPolicy("vault-uploads", properties.uploadsPerHour(), Duration.ofHours(1));
  }

  static DomainException quotaExceeded() {
    return new DomainException(ErrorCode.QUOTA_EXCEEDED, "problem.vault.quota");
  }

  /**
   * After the rate limit, reserves quota for an upload of {@code owner}.
   *
   * @param declaredLength what the request declares it carries, or a negative number if unknown:
   *     the file takes at most this many bytes
   * @param framing the most bytes of the declared length that may not be the file's (multipart
   *     boundaries and fields): a declared length beyond the remaining quota by more than this
   *     cannot fit
   */
  PendingUpload start(String owner, long declaredLength, long framing) {
    limiter.consume(uploads, owner);
    HybridEncrypt encrypter = keys.encrypterFor(owner);
    String id = newFileId();
    long limit = reserve(owner, id, declaredLength, framing);
    return new PendingUpload(this, owner, id, encrypter, limit);
  }

  /**
   * Reserves quota under the owner's row lock: what is left of the quota, the largest upload, and
   * the request's length bound what the file may take.
   *
   * @return how many bytes the file may have
   */
  private long reserve(String owner, String id, long declaredLength, long framing) {
    return transactions.execute(
        status -> {
          if (!keys.lock(owner)) {
            throw new IllegalStateException("vault key pair missing after creation");
          }
          long remaining = quota - files.reservedBytes(owner);
          if (remaining <= 0 || (declaredLength > 0 && declaredLength - framing > remaining)) {
            throw quotaExceeded();
          }
          long limit = Math.min(remaining, maxUpload);
          long reservation = declaredLength > 0 ? Math.min(limit, declaredLength) : limit;
          files.insertReservation(id, owner, reservation, clock.instant());
          return reservation;
        });
  }

  void store(PendingUpload upload, String fileName, InputStream content) throws IOException {
    if (upload.closed || upload.object != null) {
      throw new IllegalStateException("the upload already has its content or was closed");
    }
    NewObject object = objects.create(FEATURE, upload.limit);
    upload.object = object;
    try (DataKey key = DataKey.generate()) {
      byte[] wrappedKey = FileCrypto.wrap(upload.encrypter, key, upload.ownerId, upload.fileId);
      upload.size =
          object.store(
              content,
              CipherSuite.AES_256_GCM,
              key,
              FileCrypto.OBJECT_KEY_ID,
              FileCrypto.objectAd(upload.fileId));
      upload.name = fileName;
      upload.wrappedKey = wrappedKey;
    } catch (ObjectTooLargeException e) {
      // The reservation is what cut the stream: the remaining quota, unless the largest upload
      // (or the declared length, which the body cannot exceed) was the smaller bound.
      throw upload.limit < maxUpload ? quotaExceeded() : DomainException.tooLarge();
    }
  }

  /** Publishes the object with the file row that replaces the reservation, in one transaction. */
  VaultFile publish(PendingUpload upload) {
    NewObject object = upload.object;
    if (upload.closed || object == null || upload.wrappedKey == null || upload.name == null) {
      throw new IllegalStateException("the upload has no stored content");
    }
    Instant now = clock.instant();
    String name = upload.name;
    byte[] wrappedKey = upload.wrappedKey;
    object.publish(
        () -> {
          if (!files.complete(
              upload.fileId, upload.ownerId, name, upload.size, object.id(), wrappedKey, now)) {
            throw new IllegalStateException("the reservation of a running vault upload was swept");
          }
        });
    upload.published = true;
    return new VaultFile(upload.fileId, upload.ownerId, name, upload.size, object.id(), now);
  }

  /** Closing an unpublished upload: the object goes, then the reservation; never throws. */
  void discard(PendingUpload upload) {
    if (upload.published) {
      return;
    }
    if (upload.object != null) {
      upload.object.close();
    }
    try {
      files.deleteReservation(upload.fileId);
    } catch (RuntimeException e) {
      log.warn(
          "Could not remove the reservation of a failed vault upload; it expires: {}",
          e.getClass().getSimpleName());
    }
  }

  private static String newFileId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
