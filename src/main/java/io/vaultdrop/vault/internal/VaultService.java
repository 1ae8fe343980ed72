package io.vaultdrop.vault.internal;

import com.google.crypto.tink.HybridEncrypt;
import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.config.VaultdropProperties;
import io.vaultdrop.crypto.CipherSuite;
import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.crypto.KeyUnwrapException;
import io.vaultdrop.crypto.ObjectCipher;
import io.vaultdrop.ratelimit.RateLimitPolicy;
import io.vaultdrop.ratelimit.RateLimiter;
import io.vaultdrop.shares.ShareLinks;
import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.storage.BlobWriter;
import io.vaultdrop.web.ApiException;
import io.vaultdrop.web.FilePart;
import io.vaultdrop.web.StreamingMultipart;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The personal vault, shared by the API and the pages. Security decisions (see {@code
 * docs/vault.md}):
 *
 * <ul>
 *   <li>Content: a fresh {@link DataKey} per file, the object format's AES-256-GCM suite, the file
 *       id as associated data. The data key is HPKE-encrypted to the owner's key pair with the
 *       owner and file id as context info; the private key is sealed by the master key. At rest
 *       there is nothing readable without the master key.
 *   <li>Every lookup is scoped by owner: another user's file, whatever the caller's role, is the
 *       same {@code 404} as a missing one. Unverified accounts get {@code 403 email_not_verified}.
 *   <li>Quota: an upload first reserves what it may write, while the owner's key row is locked, so
 *       concurrent uploads never exceed the quota together; the stream is cut at the reservation.
 * </ul>
 */
@Service
public final class VaultService {

  private static final Logger log = LoggerFactory.getLogger(VaultService.class);
  private static final Pattern FILE_ID = Pattern.compile("[A-Za-z0-9_-]{22}");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String KEY_ID = "vault-hpke";
  private static final int SWEEP_PAGE = 200;

  /** Room for the multipart framing around the file part, as {@link StreamingMultipart} allows. */
  private static final long MULTIPART_OVERHEAD =
      (long) StreamingMultipart.MAX_PARTS * (StreamingMultipart.MAX_FIELD_BYTES + 1024);

  private final VaultFileRepository files;
  private final UserKeys keys;
  private final BlobStore blobs;
  private final ObjectCipher cipher;
  private final StreamingMultipart multipart;
  private final RateLimiter limiter;
  private final ShareLinks shareLinks;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final long maxUpload;
  private final long quota;
  private final Duration uploadTimeout;
  private final RateLimitPolicy uploads;

  VaultService(
      VaultFileRepository files,
      UserKeys keys,
      BlobStore blobs,
      ObjectCipher cipher,
      StreamingMultipart multipart,
      RateLimiter limiter,
      ShareLinks shareLinks,
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
    this.shareLinks = shareLinks;
    this.transactions = transactions;
    this.clock = clock;
    this.maxUpload = vaultdrop.maxUploadSize().toBytes();
    this.quota = properties.quota().toBytes();
    this.uploadTimeout = properties.uploadTimeout();
    this.uploads =
        new RateLimitPolicy("vault-uploads", properties.uploadsPerHour(), Duration.ofHours(1));
  }

  /** How much of the quota the user's finished files take. */
  public record Usage(long files, long usedBytes, long quotaBytes) {
    public long availableBytes() {
      return Math.max(0, quotaBytes - usedBytes);
    }
  }

  /** A file's plaintext, opened and checked (key commitment) before the first byte is sent. */
  public record Opened(VaultFile file, InputStream content) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      content.close();
    }
  }

  // ---------------------------------------------------------------- access

  /**
   * The caller may use the vault: signed in (the security chains ensure it) with a verified
   * address.
   *
   * @throws ApiException 403 {@code email_not_verified}
   */
  public static void requireVerified(CurrentUser me) {
    if (!me.emailVerified()) {
      throw new ApiException(
          HttpStatus.FORBIDDEN,
          "email_not_verified",
          "Forbidden",
          "Verify your e-mail address before using the vault.");
    }
  }

  // ---------------------------------------------------------------- upload

  /**
   * Streams the multipart {@code file} part of the request into a new vault file.
   *
   * @throws ApiException 413 {@code too_large} beyond {@code VAULTDROP_MAX_UPLOAD_SIZE}, 413 {@code
   *     quota_exceeded} beyond the remaining quota, 400 for a malformed body, 429
   */
  public VaultFile upload(CurrentUser me, HttpServletRequest request) throws IOException {
    requireVerified(me);
    String owner = me.id();
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
   * Reserves quota for an upload under the owner's row lock: what is left of the quota, the largest
   * upload, and the request's length bound what the file may take.
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
      wrappedKey = wrap(encrypter, key, owner, id);
      try (OutputStream out =
          cipher.encrypt(writer.stream(), CipherSuite.AES_256_GCM, key, KEY_ID, objectAd(id))) {
        size = new QuotaLimitedInputStream(file.content(), limit).transferTo(out);
      }
      writer.commit();
    }
    return new Stored(file.fileName(), size, wrappedKey);
  }

  private static byte[] wrap(HybridEncrypt encrypter, DataKey key, String owner, String id) {
    byte[] secret = key.exportSecretBytes();
    try {
      return encrypter.encrypt(secret, keyContext(owner, id));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HPKE encryption of a data key failed", e);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
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

  // ---------------------------------------------------------------- read

  public List<VaultFile> list(CurrentUser me) {
    requireVerified(me);
    return files.list(me.id());
  }

  public Usage usage(CurrentUser me) {
    requireVerified(me);
    VaultFileRepository.Totals totals = files.totalsOf(me.id());
    return new Usage(totals.files(), totals.bytes(), quota);
  }

  /** The caller's file; empty for unknown ids and for every other user's file. */
  public Optional<VaultFile> find(CurrentUser me, String id) {
    requireVerified(me);
    if (!isFileId(id)) {
      return Optional.empty();
    }
    return files.find(me.id(), id);
  }

  /**
   * Opens the caller's file for streaming; the caller closes it.
   *
   * @throws ApiException 404 unknown or not the caller's
   */
  public Opened open(CurrentUser me, String id) throws IOException {
    requireVerified(me);
    if (!isFileId(id)) {
      throw ApiException.notFound();
    }
    VaultFileRepository.Keyed keyed =
        files.findKeyed(me.id(), id).orElseThrow(ApiException::notFound);
    VaultFile file = keyed.file();
    byte[] secret;
    try {
      secret =
          keys.decrypterFor(file.ownerId())
              .decrypt(keyed.wrappedKey(), keyContext(file.ownerId(), id));
    } catch (KeyUnwrapException e) {
      throw new IllegalStateException("the vault key of a user does not open", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the data key of a vault file does not open", e);
    }
    try (DataKey key = DataKey.fromSecretBytes(secret)) {
      InputStream ciphertext = blobs.open(file.blobId());
      try {
        return new Opened(file, cipher.decrypt(ciphertext, key, objectAd(id)));
      } catch (IOException | RuntimeException e) {
        ciphertext.close();
        throw e;
      }
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  // ---------------------------------------------------------------- share, delete

  /**
   * Creates a share link of the caller's file: the plaintext streams from the vault object into a
   * share encrypted under the new link's key.
   *
   * @throws ApiException 404, 400 for bad options, 429
   */
  public ShareLinks.CreatedLink share(CurrentUser me, String id, ShareLinks.Options options)
      throws IOException {
    try (Opened opened = open(me, id)) {
      return shareLinks.create(me.id(), opened.file().name(), opened.content(), options);
    }
  }

  /**
   * Deletes the caller's file: the row (with the wrapped data key) first, so a blob left by a
   * failed delete is unreadable ciphertext.
   *
   * @throws ApiException 404
   */
  public void delete(CurrentUser me, String id) throws IOException {
    VaultFile file = find(me, id).orElseThrow(ApiException::notFound);
    if (!files.deleteOwned(me.id(), id)) {
      throw ApiException.notFound();
    }
    blobs.delete(file.blobId());
  }

  /**
   * Deletes everything of a user (account deletion): the key pair first, which makes every wrapped
   * data key of the user useless at once, then the rows and blobs.
   */
  public int deleteAllOf(String ownerId) throws IOException {
    keys.delete(ownerId);
    int deleted = 0;
    for (VaultFileRepository.Stored stored : files.allOf(ownerId)) {
      if (files.delete(stored.id())) {
        deleted++;
      }
      blobs.delete(stored.blobId());
    }
    return deleted;
  }

  /** Removes reservations and blobs of uploads older than the upload timeout; returns how many. */
  public int sweepStaleUploads() throws IOException {
    Instant cutoff = clock.instant().minus(uploadTimeout);
    int removed = 0;
    List<VaultFileRepository.Stored> page;
    do {
      page = files.staleUploads(cutoff, SWEEP_PAGE);
      for (VaultFileRepository.Stored stale : page) {
        if (files.deleteStaleUpload(stale.id(), cutoff)) {
          blobs.delete(stale.blobId());
          removed++;
        }
      }
    } while (page.size() == SWEEP_PAGE);
    if (removed > 0) {
      log.info("Removed {} abandoned vault upload(s)", removed);
    }
    return removed;
  }

  public long quotaBytes() {
    return quota;
  }

  // ---------------------------------------------------------------- helpers

  static boolean isFileId(String id) {
    return id != null && FILE_ID.matcher(id).matches();
  }

  private static String newFileId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Associated data of a file's object: a blob moved under another file does not open. */
  static byte[] objectAd(String fileId) {
    return ("vaultdrop-vault-file:" + fileId).getBytes(StandardCharsets.UTF_8);
  }

  /** HPKE context info of a file's data key: bound to its owner and its file. */
  static byte[] keyContext(String ownerId, String fileId) {
    return ("vaultdrop/vault/data-key/v1|" + ownerId + "|" + fileId)
        .getBytes(StandardCharsets.UTF_8);
  }
}
