package io.vaultdrop.vault.internal;

import com.google.crypto.tink.HybridEncrypt;
import io.vaultdrop.config.VaultdropProperties;
import io.vaultdrop.crypto.CipherSuite;
import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.crypto.ObjectCipher;
import io.vaultdrop.ratelimit.RateLimitPolicy;
import io.vaultdrop.ratelimit.RateLimiter;
import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.storage.BlobWriter;
import io.vaultdrop.web.FilePart;
import io.vaultdrop.web.StreamingMultipart;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.OutputStream;
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
 * row lock, so concurrent uploads (on any node) never exceed the quota together; the stream is cut
 * at the reservation ({@code 413 quota_exceeded}) or at the largest upload ({@code 413 too_large});
 * on any failure the reservation and the blob are removed.
 */
@Component
final class VaultUploads {

  private static final Logger log = LoggerFactory.getLogger(VaultUploads.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Room for the multipart framing around the file part, as {@link StreamingMultipart} allows. */
  private static final long MULTIPART_OVERHEAD =
      (long) StreamingMultipart.MAX_PARTS * (StreamingMultipart.MAX_FIELD_BYTES + 1024);

  private final VaultFileRepository files;
  private final UserKeys keys;
  private final BlobStore blobs;
  private final ObjectCipher cipher;
  private final StreamingMultipart multipart;
  private final RateLimiter limiter;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final long maxUpload;
  private final long quota;
  private final RateLimitPolicy uploads;

  VaultUploads(
      VaultFileRepository files,
      UserKeys keys,
      BlobStore blobs,
      ObjectCipher cipher,
      StreamingMultipart multipart,
      RateLimiter limiter,
      TransactionTemplate transactions,
      Clock clock,
      VaultdropProperties vaultdrop,
      VaultProperties properties) {
    this.files = files;
    this.keys = keys;
    this.blobs = blobs;
    this.cipher = cipher;
    this.multipart = multipart;
    this.limiter = limiter;
    this.transactions = transactions;
    this.clock = clock;
    this.maxUpload = vaultdrop.maxUploadSize().toBytes();
    this.quota = properties.quota().toBytes();
    this.uploads =
        new RateLimitPolicy("vault-uploads", properties.uploadsPerHour(), Duration.ofHours(1));
  }

  VaultFile upload(String owner, HttpServletRequest request) throws IOException {
    limiter.consume(uploads, owner);
    HybridEncrypt encrypter = keys.encrypterFor(owner);
    String id = newFileId();
    BlobId blob = BlobId.random();
    long limit = reserve(owner, id, blob, request.getContentLengthLong());
    try {
      Stored stored =
          multipart
              .receive(
                  request,
                  StreamingMultipart.DEFAULT_FILE_PART,
                  maxUpload,
                  (file, before) -> store(owner, id, blob, limit, encrypter, file))
              .value();
      Instant now = clock.instant();
      if (!files.complete(id, stored.name(), stored.size(), stored.wrappedKey(), now)) {
        throw new IllegalStateException("the reservation of a running vault upload was swept");
      }
      return new VaultFile(id, owner, stored.name(), stored.size(), blob, now);
    } catch (IOException | RuntimeException e) {
      discard(id, blob);
      throw e;
    }
  }

  private record Stored(String name, long size, byte[] wrappedKey) {}

  /**
   * Reserves quota under the owner's row lock: what is left of the quota, the largest upload, and
   * the request's length bound what the file may take.
   *
   * @return how many bytes the file may have
   */
  private long reserve(String owner, String id, BlobId blob, long declaredLength) {
    return transactions.execute(
        status -> {
          if (!keys.lock(owner)) {
            throw new IllegalStateException("vault key pair missing after creation");
          }
          long remaining = quota - files.reservedBytes(owner);
          if (remaining <= 0
              || (declaredLength > 0 && declaredLength - MULTIPART_OVERHEAD > remaining)) {
            throw QuotaLimitedInputStream.quotaExceeded();
          }
          long limit = Math.min(remaining, maxUpload);
          long reservation = declaredLength > 0 ? Math.min(limit, declaredLength) : limit;
          files.insertReservation(id, owner, blob, reservation, clock.instant());
          return reservation;
        });
  }

  private Stored store(
      String owner, String id, BlobId blob, long limit, HybridEncrypt encrypter, FilePart file)
      throws IOException {
    long size;
    byte[] wrappedKey;
    try (DataKey key = DataKey.generate();
        BlobWriter writer = blobs.create(blob)) {
      wrappedKey = FileCrypto.wrap(encrypter, key, owner, id);
      try (OutputStream out =
          cipher.encrypt(
              writer.stream(),
              CipherSuite.AES_256_GCM,
              key,
              FileCrypto.OBJECT_KEY_ID,
              FileCrypto.objectAd(id))) {
        size = new QuotaLimitedInputStream(file.content(), limit).transferTo(out);
      }
      writer.commit();
    }
    return new Stored(file.fileName(), size, wrappedKey);
  }

  private void discard(String id, BlobId blob) {
    try {
      files.deleteReservation(id);
      blobs.delete(blob);
    } catch (IOException | RuntimeException e) {
      log.warn(
          "Could not remove a failed vault upload; the sweeper will: {}",
          e.getClass().getSimpleName());
    }
  }

  private static String newFileId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
