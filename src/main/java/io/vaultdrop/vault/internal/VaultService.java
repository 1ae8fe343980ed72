package io.vaultdrop.vault.internal;

import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.crypto.KeyUnwrapException;
import io.vaultdrop.crypto.ObjectCipher;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.shares.ShareLinks;
import io.vaultdrop.storage.BlobStore;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

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
 *   <li>Quota: see {@link VaultUploads}.
 * </ul>
 */
@Service
public final class VaultService {

  private static final Logger log = LoggerFactory.getLogger(VaultService.class);
  private static final Pattern FILE_ID = Pattern.compile("[A-Za-z0-9_-]{22}");
  private static final int SWEEP_PAGE = 200;

  private final VaultFileRepository files;
  private final VaultUploads uploads;
  private final UserKeys keys;
  private final BlobStore blobs;
  private final ObjectCipher cipher;
  private final ShareLinks shareLinks;
  private final Clock clock;
  private final long quota;
  private final Duration uploadTimeout;

  VaultService(
      VaultFileRepository files,
      VaultUploads uploads,
      UserKeys keys,
      BlobStore blobs,
      ObjectCipher cipher,
      ShareLinks shareLinks,
      Clock clock,
      VaultProperties properties) {
    this.files = files;
    this.uploads = uploads;
    this.keys = keys;
    this.blobs = blobs;
    this.cipher = cipher;
    this.shareLinks = shareLinks;
    this.clock = clock;
    this.quota = properties.quota().toBytes();
    this.uploadTimeout = properties.uploadTimeout();
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
   * @throws DomainException 403 {@code email_not_verified}
   */
  public static void requireVerified(CurrentUser me) {
    if (!me.emailVerified()) {
      throw new DomainException(
          ErrorCode.EMAIL_NOT_VERIFIED, "Verify your e-mail address before using the vault.");
    }
  }

  // ---------------------------------------------------------------- upload

  /**
   * Streams the multipart {@code file} part of the request into a new vault file.
   *
   * @throws DomainException 413 {@code too_large} beyond {@code VAULTDROP_MAX_UPLOAD_SIZE}, 413
   *     {@code quota_exceeded} beyond the remaining quota, 400 for a malformed body, 429
   */
  public VaultFile upload(CurrentUser me, HttpServletRequest request) throws IOException {
    requireVerified(me);
    return uploads.upload(me.id(), request);
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
   * @throws DomainException 404 unknown or not the caller's
   */
  public Opened open(CurrentUser me, String id) throws IOException {
    requireVerified(me);
    if (!isFileId(id)) {
      throw DomainException.notFound();
    }
    VaultFileRepository.Keyed keyed =
        files.findKeyed(me.id(), id).orElseThrow(DomainException::notFound);
    VaultFile file = keyed.file();
    byte[] secret;
    try {
      secret =
          keys.decrypterFor(file.ownerId())
              .decrypt(keyed.wrappedKey(), FileCrypto.keyContext(file.ownerId(), id));
    } catch (KeyUnwrapException e) {
      throw new IllegalStateException("the vault key of a user does not open", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the data key of a vault file does not open", e);
    }
    try (DataKey key = DataKey.fromSecretBytes(secret)) {
      InputStream ciphertext = blobs.open(file.blobId());
      try {
        return new Opened(file, cipher.decrypt(ciphertext, key, FileCrypto.objectAd(id)));
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
   * @throws DomainException 404, 400 for bad options, 429
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
   * @throws DomainException 404
   */
  public void delete(CurrentUser me, String id) throws IOException {
    VaultFile file = find(me, id).orElseThrow(DomainException::notFound);
    if (!files.deleteOwned(me.id(), id)) {
      throw DomainException.notFound();
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

  private static boolean isFileId(String id) {
    return id != null && FILE_ID.matcher(id).matches();
  }
}
