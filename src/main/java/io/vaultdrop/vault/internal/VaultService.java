package io.vaultdrop.vault.internal;

import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.crypto.KeyUnwrapException;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.objects.FeatureObjects;
import io.vaultdrop.objects.ObjectGoneException;
import io.vaultdrop.objects.OpenedObject;
import io.vaultdrop.objects.StoredObjects;
import io.vaultdrop.shares.ShareLinks;
import io.vaultdrop.storage.BlobId;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
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
 *   <li>Quota: see {@link VaultUploads}.
 * </ul>
 */
@Service
public final class VaultService implements FeatureObjects {

  private static final Pattern FILE_ID = Pattern.compile("[A-Za-z0-9_-]{22}");

  private final VaultFileRepository files;
  private final VaultUploads uploads;
  private final UserKeys keys;
  private final StoredObjects objects;
  private final ShareLinks shareLinks;
  private final TransactionTemplate transactions;
  private final long quota;
  private final Duration uploadTimeout;

  VaultService(
      VaultFileRepository files,
      VaultUploads uploads,
      UserKeys keys,
      StoredObjects objects,
      ShareLinks shareLinks,
      TransactionTemplate transactions,
      VaultProperties properties) {
    this.files = files;
    this.uploads = uploads;
    this.keys = keys;
    this.objects = objects;
    this.shareLinks = shareLinks;
    this.transactions = transactions;
    this.quota = properties.quota().toBytes();
    this.uploadTimeout = properties.uploadTimeout();
  }

  /** How much of the quota the user's finished files take. */
  public record Usage(long files, long usedBytes, long quotaBytes) {
    public long availableBytes() {
      return Math.max(0, quotaBytes - usedBytes);
    }
  }

  /**
   * A file's plaintext, opened and checked (key commitment) before the first byte is sent. Counted
   * as a reader of the file's object until closed, so a delete meanwhile waits for it.
   */
  public static final class Opened implements AutoCloseable {
    private final VaultFile file;
    private final OpenedObject object;
    private final InputStream content;

    Opened(VaultFile file, OpenedObject object, InputStream content) {
      this.file = file;
      this.object = object;
      this.content = content;
    }

    public VaultFile file() {
      return file;
    }

    public InputStream content() {
      return content;
    }

    /** Closes the content and releases the object. */
    @Override
    public void close() {
      object.close();
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
      throw new DomainException(ErrorCode.EMAIL_NOT_VERIFIED, "problem.vault.email-not-verified");
    }
  }

  // ---------------------------------------------------------------- upload

  /**
   * Starts an upload of the caller: after the rate limit, reserves quota for it (see {@link
   * VaultUploads}). The caller streams the content into it ({@link PendingUpload#store}), then
   * {@link #publish}es it, and closes it whatever happens.
   *
   * @param declaredLength the length the request declares, or a negative number if unknown
   * @param framing the most bytes of {@code declaredLength} that are not the file's content
   * @throws DomainException 413 {@code quota_exceeded} when nothing is left or the declared length
   *     cannot fit, 429
   */
  public PendingUpload startUpload(CurrentUser me, long declaredLength, long framing) {
    requireVerified(me);
    return uploads.start(me.id(), declaredLength, framing);
  }

  /**
   * Makes a stored upload a file: its object turns live together with the file row, in one
   * transaction.
   */
  public VaultFile publish(PendingUpload upload) {
    return uploads.publish(upload);
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
   * @throws DomainException 404 unknown or not the caller's (or deleted meanwhile)
   * @throws io.vaultdrop.objects.StorageUnavailableException the blob store failed (503)
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
    try {
      OpenedObject object;
      try {
        object = objects.open(file.blobId());
      } catch (ObjectGoneException e) {
        throw DomainException.notFound(); // deleted meanwhile
      }
      try (DataKey key = DataKey.fromSecretBytes(secret)) {
        return new Opened(file, object, object.decrypt(key, FileCrypto.objectAd(id)));
      } catch (IOException | RuntimeException e) {
        object.close();
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
   * Deletes the caller's file: the row (with the wrapped data key) and the object in one
   * transaction; the blob goes after it commits, once no download reads it any more.
   *
   * @throws DomainException 404
   */
  public void delete(CurrentUser me, String id) {
    VaultFile file = find(me, id).orElseThrow(DomainException::notFound);
    transactions.executeWithoutResult(
        status -> {
          if (!files.deleteOwned(me.id(), id)) {
            throw DomainException.notFound();
          }
          objects.delete(file.blobId());
        });
  }

  /**
   * Deletes everything of a user (account deletion), in the caller's transaction if there is one:
   * the key pair first, which makes every wrapped data key of the user useless, then the running
   * uploads' reservations, the file rows and their objects. No blob is touched before the
   * transaction commits; a rolled-back deletion keeps everything.
   */
  @Override
  public int deleteAllOf(String ownerId) {
    Integer deleted =
        transactions.execute(
            status -> {
              keys.delete(ownerId);
              files.deleteReservationsOf(ownerId);
              List<BlobId> blobs = new ArrayList<>();
              int count = 0;
              for (VaultFileRepository.Stored stored : files.allOf(ownerId)) {
                if (files.delete(stored.id())) {
                  count++;
                }
                blobs.add(stored.blobId());
              }
              objects.delete(blobs);
              return count;
            });
    return deleted == null ? 0 : deleted;
  }

  public long quotaBytes() {
    return quota;
  }

  private static boolean isFileId(String id) {
    return id != null && FILE_ID.matcher(id).matches();
  }

  @Override
  public String feature() {
    return VaultUploads.FEATURE;
  }

  /**
   * Vault files never expire, but the quota reservation of an upload still running after {@code
   * VAULTDROP_VAULT_UPLOAD_TIMEOUT} belongs to a crashed (or hopelessly slow) upload and is
   * dropped. Only the row: the blob of such an upload is a pending object, which the object sweeper
   * removes after {@code VAULTDROP_OBJECTS_PENDING_AGE}.
   *
   * @return how many stale reservations were dropped
   */
  @Override
  public int deleteExpired(Instant now) {
    return files.deleteStaleReservations(now.minus(uploadTimeout));
  }
}
