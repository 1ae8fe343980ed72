package io.vaultdrop.shares.internal;

import io.vaultdrop.crypto.CipherSuite;
import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.crypto.ObjectCipher;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.storage.BlobWriter;
import io.vaultdrop.web.FilePart;
import io.vaultdrop.web.FormFields;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creating, describing, revoking and sweeping share links; downloads are {@link ShareTransfers}.
 * Security decisions (see {@code docs/shares.md}):
 *
 * <ul>
 *   <li>The data key is derived from the link secret (and the password); nothing stored opens the
 *       file. A link is recognised by a stored verifier, compared in constant time; a password by
 *       its verifier, never by trial decryption.
 *   <li>Unknown, expired, used-up, revoked and mistyped links all answer the same 404.
 * </ul>
 */
@Service
public final class ShareService {

  /** Wrong passwords a share survives minus one: the fifth destroys it. */
  public static final int MAX_PASSWORD_ATTEMPTS = 5;

  public static final int MAX_PASSWORD_LENGTH = 1024;
  static final String KEY_ID = "share-link";
  private static final Duration DEFAULT_EXPIRY = Duration.ofDays(1);
  private static final int SWEEP_PAGE = 200;
  private static final Logger log = LoggerFactory.getLogger(ShareService.class);

  private final ShareRepository repository;
  private final ShareKeys keys;
  private final BlobStore blobs;
  private final ObjectCipher cipher;
  private final Clock clock;
  private final ShareProperties properties;
  private final TransactionTemplate transactions;

  ShareService(
      ShareRepository repository,
      ShareKeys keys,
      BlobStore blobs,
      ObjectCipher cipher,
      Clock clock,
      ShareProperties properties,
      TransactionTemplate transactions) {
    this.repository = repository;
    this.keys = keys;
    this.blobs = blobs;
    this.cipher = cipher;
    this.clock = clock;
    this.properties = properties;
    this.transactions = transactions;
  }

  /** What a share looks like to someone holding its link, or to its owner. */
  public record ShareView(
      String id,
      String name,
      long size,
      Instant createdAt,
      Instant expiresAt,
      int maxDownloads,
      int downloadsLeft,
      boolean passwordRequired) {

    static ShareView of(StoredShare s) {
      return new ShareView(
          s.id(),
          s.fileName(),
          s.size(),
          s.createdAt(),
          s.expiresAt(),
          s.maxDownloads(),
          s.remaining(),
          s.passwordRequired());
    }
  }

  /** A new share: the only time its link and revoke token exist outside the client. */
  public record CreatedShare(
      ShareToken token,
      String revokeToken,
      String name,
      long size,
      Instant expiresAt,
      int maxDownloads,
      boolean passwordRequired) {
    @Override
    public String toString() {
      return "CreatedShare[id=" + token.id() + "]";
    }
  }

  /** A file stored for a share that has no row yet; see {@link #finishCreate}. */
  public static final class Upload {
    private final ShareToken token;
    private final BlobId blob;
    private final String name;
    private final long size;
    private final ShareKeys.@Nullable PasswordParameters password;
    private final @Nullable String passwordVerifier;
    private final boolean passwordSeen;

    Upload(
        ShareToken token,
        BlobId blob,
        String name,
        long size,
        ShareKeys.@Nullable PasswordParameters password,
        @Nullable String passwordVerifier,
        boolean passwordSeen) {
      this.token = token;
      this.blob = blob;
      this.name = name;
      this.size = size;
      this.password = password;
      this.passwordVerifier = passwordVerifier;
      this.passwordSeen = passwordSeen;
    }

    @Override
    public String toString() {
      return "Upload[id=" + token.id() + "]";
    }
  }

  // ---- create -------------------------------------------------------------------------------

  /**
   * Streams {@code file} encrypted into a new blob under a fresh token. The password, if any, must
   * arrive before the file part, since the data key depends on it. On failure nothing is left.
   */
  public Upload store(FilePart file, FormFields before) throws IOException {
    if (before.all("password").size() > 1) {
      throw DomainException.invalidRequest("Send at most one password field.");
    }
    Optional<String> password = before.first("password").filter(p -> !p.isEmpty());
    password.ifPresent(ShareService::checkPassword);
    // Fail fast on fields that came before the file; all fields are checked again afterwards.
    parseExpiry(before);
    parseMaxDownloads(before);
    ShareToken token = ShareToken.generate();
    ShareKeys.PasswordParameters parameters = null;
    String verifier = null;
    byte[] passwordKey = null;
    BlobId blob = BlobId.random();
    repository.insertUpload(blob, clock.instant());
    try {
      if (password.isPresent()) {
        parameters = ShareKeys.PasswordParameters.fresh();
        passwordKey = keys.passwordKey(password.get(), parameters);
        verifier = keys.passwordVerifier(token, passwordKey);
      }
      long size;
      try (DataKey key = keys.dataKey(token, passwordKey);
          BlobWriter writer = blobs.create(blob)) {
        CountingOutputStream counter;
        try (OutputStream out =
            cipher.encrypt(
                writer.stream(),
                CipherSuite.AES_256_GCM,
                key,
                KEY_ID,
                associatedData(token.id()))) {
          counter = new CountingOutputStream(out);
          file.content().transferTo(counter);
        }
        size = counter.count;
        writer.commit();
      }
      return new Upload(
          token, blob, file.fileName(), size, parameters, verifier, password.isPresent());
    } catch (IOException | RuntimeException e) {
      forgetUpload(blob);
      throw e;
    } finally {
      if (passwordKey != null) {
        Arrays.fill(passwordKey, (byte) 0);
      }
    }
  }

  /**
   * Checks every field and records the share; on a bad field the stored blob is deleted and 400
   * thrown.
   */
  public CreatedShare finishCreate(Upload upload, FormFields fields, @Nullable String ownerId)
      throws IOException {
    Duration expiresIn;
    int maxDownloads;
    try {
      // Every non-empty password must be the one the key was derived from: a second one, or one
      // sent after the file, would otherwise be silently dropped and the share left unprotected.
      long passwords = fields.all("password").stream().filter(p -> !p.isEmpty()).count();
      if (passwords > (upload.passwordSeen ? 1 : 0)) {
        throw DomainException.invalidRequest(
            "Send one password field, before the file part (the file is encrypted with it).");
      }
      expiresIn = parseExpiry(fields);
      maxDownloads = parseMaxDownloads(fields);
    } catch (RuntimeException e) {
      forgetUpload(upload.blob);
      throw e;
    }
    Instant now = clock.instant();
    String revokeToken = keys.newRevokeToken();
    StoredShare share =
        new StoredShare(
            upload.token.id(),
            upload.blob,
            ownerId,
            upload.name,
            upload.size,
            now,
            now.plus(expiresIn),
            maxDownloads,
            maxDownloads,
            0,
            keys.tokenVerifier(upload.token),
            keys.revokeHash(revokeToken),
            upload.password,
            upload.passwordVerifier,
            0);
    try {
      transactions.executeWithoutResult(
          status -> {
            repository.insert(share);
            repository.deleteUpload(upload.blob);
          });
    } catch (RuntimeException e) {
      forgetUpload(upload.blob);
      throw e;
    }
    return new CreatedShare(
        upload.token,
        revokeToken,
        upload.name,
        upload.size,
        share.expiresAt(),
        maxDownloads,
        upload.password != null);
  }

  private void forgetUpload(BlobId blob) {
    try {
      blobs.delete(blob);
      repository.deleteUpload(blob);
    } catch (IOException | RuntimeException e) {
      // The sweeper removes it after the upload timeout.
      log.warn("could not remove the blob of a failed share upload; the sweeper will", e);
    }
  }

  private Duration parseExpiry(FormFields fields) {
    Optional<String> value = fields.first("expiresIn").map(String::strip);
    if (value.isEmpty() || value.get().isEmpty()) {
      return DEFAULT_EXPIRY.compareTo(properties.maxExpiry()) > 0
          ? properties.maxExpiry()
          : DEFAULT_EXPIRY;
    }
    long seconds = parsePositive(value.get(), "expiresIn");
    if (seconds > properties.maxExpiry().toSeconds()) {
      throw DomainException.invalidRequest(
          "expiresIn must be at most " + properties.maxExpiry().toSeconds() + " seconds.");
    }
    return Duration.ofSeconds(seconds);
  }

  private int parseMaxDownloads(FormFields fields) {
    Optional<String> value = fields.first("maxDownloads").map(String::strip);
    if (value.isEmpty() || value.get().isEmpty()) {
      return 1;
    }
    long count = parsePositive(value.get(), "maxDownloads");
    if (count > properties.maxDownloadsLimit()) {
      throw DomainException.invalidRequest(
          "maxDownloads must be at most " + properties.maxDownloadsLimit() + ".");
    }
    return (int) count;
  }

  private static long parsePositive(String text, String field) {
    if (!text.matches("[0-9]{1,12}")) {
      throw DomainException.invalidRequest(field + " must be a positive whole number.");
    }
    long value = Long.parseLong(text);
    if (value <= 0) {
      throw DomainException.invalidRequest(field + " must be a positive whole number.");
    }
    return value;
  }

  private static void checkPassword(String password) {
    if (password.length() > MAX_PASSWORD_LENGTH) {
      throw DomainException.invalidRequest(
          "The password may have at most " + MAX_PASSWORD_LENGTH + " characters.");
    }
  }

  // ---- read ---------------------------------------------------------------------------------

  /** The share behind a link; never consumes a download. 404 for anything not available. */
  public ShareView describe(String tokenText) {
    return ShareView.of(available(tokenText).share());
  }

  record Resolved(ShareToken token, StoredShare share) {}

  /** The share behind a link if it is available; 404 otherwise. */
  Resolved available(String tokenText) {
    ShareToken token = ShareToken.parse(tokenText).orElseThrow(DomainException::notFound);
    StoredShare share = repository.find(token.id()).orElseThrow(DomainException::notFound);
    if (!ShareKeys.matches(share.tokenVerifier(), keys.tokenVerifier(token))
        || !share.isAvailable(clock.instant())) {
      throw DomainException.notFound();
    }
    return new Resolved(token, share);
  }

  // ---- revoke, list, delete -----------------------------------------------------------------

  /**
   * Revokes a share. {@code idOrToken} is the whole link token or (for its owner, or together with
   * the revoke token) the bare id an owner's list shows.
   *
   * @throws DomainException 404 unknown; 403 wrong revoke token or not the owner
   */
  public void revoke(String idOrToken, @Nullable String revokeToken, @Nullable String userId)
      throws IOException {
    StoredShare share;
    boolean linkHolder;
    if (ShareToken.isId(idOrToken)) {
      share = repository.find(idOrToken).orElseThrow(DomainException::notFound);
      linkHolder = false;
    } else {
      share = available(idOrToken).share();
      linkHolder = true;
    }
    if (!share.expiresAt().isAfter(clock.instant())) {
      throw DomainException.notFound();
    }
    boolean owner = userId != null && userId.equals(share.ownerId());
    if (revokeToken != null && !revokeToken.isEmpty()) {
      if (!ShareKeys.matches(share.revokeHash(), keys.revokeHash(revokeToken))) {
        throw forbidden();
      }
    } else if (!owner) {
      if (!linkHolder) {
        throw DomainException.notFound();
      }
      throw forbidden();
    }
    destroy(share);
  }

  private static DomainException forbidden() {
    return new DomainException(
        ErrorCode.FORBIDDEN, "A valid Revoke-Token header or the owner's sign-in is needed.");
  }

  /** The shares {@code userId} created that still work, newest first. */
  public List<ShareView> listOwnedBy(String userId) {
    Instant now = clock.instant();
    return repository.findByOwner(userId).stream()
        .filter(s -> s.isAvailable(now))
        .map(ShareView::of)
        .toList();
  }

  /** Deletes every share of {@code userId} (account deletion). */
  public int deleteAllOf(String userId) throws IOException {
    List<StoredShare> owned = repository.findByOwner(userId);
    for (StoredShare share : owned) {
      destroy(share);
    }
    return owned.size();
  }

  /**
   * Removes expired and used-up shares, expired resume tokens and the blobs of crashed uploads;
   * returns how many shares and blobs.
   */
  public int sweep() throws IOException {
    Instant now = clock.instant();
    int removed = 0;
    List<StoredShare> page;
    do {
      page = repository.sweepable(now, now.minus(properties.stalledTransferTimeout()), SWEEP_PAGE);
      for (StoredShare share : page) {
        destroy(share);
        removed++;
      }
    } while (page.size() == SWEEP_PAGE);
    repository.deleteExpiredResumes(now);
    List<BlobId> stale;
    do {
      stale = repository.staleUploads(now.minus(properties.uploadTimeout()), SWEEP_PAGE);
      for (BlobId blob : stale) {
        blobs.delete(blob);
        repository.deleteUpload(blob);
        removed++;
      }
    } while (stale.size() == SWEEP_PAGE);
    return removed;
  }

  /** Blob first, then row: a row never outlives knowledge of its blob. */
  void destroy(StoredShare share) throws IOException {
    blobs.delete(share.blobId());
    repository.delete(share.id());
  }

  static byte[] associatedData(String shareId) {
    return ("vaultdrop-share:" + shareId).getBytes(StandardCharsets.UTF_8);
  }

  /** Counts plaintext bytes on their way into the cipher. */
  private static final class CountingOutputStream extends FilterOutputStream {
    long count;

    CountingOutputStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }
}
