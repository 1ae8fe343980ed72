package io.vaultdrop.shares.internal;

import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.objects.ObjectGoneException;
import io.vaultdrop.objects.OpenedObject;
import io.vaultdrop.objects.ReadAheadCopy;
import io.vaultdrop.objects.StoredObjects;
import io.vaultdrop.shares.internal.ShareService.Resolved;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Downloads of a share: claiming one, streaming it, ending it, and resuming an aborted one.
 *
 * <p>Security decisions (see {@code docs/shares.md}, "Claim semantics"):
 *
 * <ul>
 *   <li>A download is claimed by one conditional UPDATE before any byte is sent; the transfer that
 *       ends last on a used-up share deletes its blob, then its row.
 *   <li>The claimant alone receives a resume token (256 random bits; only its SHA-256 is stored).
 *       With it and {@code Range}, an aborted transfer can be continued for {@code
 *       VAULTDROP_SHARES_RESUME_GRACE} without claiming another download, at most {@value
 *       #MAX_RESUMES} times. Resuming gives the claimant nothing it was not already given: the
 *       plaintext of the same claim. The link secret (and password) are still needed, since they
 *       are the key.
 *   <li>A password is checked against its verifier, never by trial decryption; wrong attempts are
 *       counted in the row and the {@value ShareService#MAX_PASSWORD_ATTEMPTS}th destroys the
 *       share.
 * </ul>
 */
@Service
public final class ShareTransfers {

  /** Resumed transfers one resume token may start. */
  static final int MAX_RESUMES = 5;

  private static final int CLAIM_RETRIES = 64;
  private static final Pattern RESUME_TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Logger log = LoggerFactory.getLogger(ShareTransfers.class);

  private final ShareService shares;
  private final ShareRepository repository;
  private final ShareKeys keys;
  private final StoredObjects objects;
  private final Clock clock;
  private final ShareProperties properties;

  ShareTransfers(
      ShareService shares,
      ShareRepository repository,
      ShareKeys keys,
      StoredObjects objects,
      Clock clock,
      ShareProperties properties) {
    this.shares = shares;
    this.repository = repository;
    this.keys = keys;
    this.objects = objects;
    this.clock = clock;
    this.properties = properties;
  }

  /**
   * A claimed (or resumed) download: one file from {@link #offset()} on, or the zip of all files of
   * a share, and what to do once the transfer ended. The caller streams it with {@link #writeTo},
   * calls {@link #completed()} once the last byte was handed to the client, and must {@link
   * #close()} it whatever happens.
   */
  public static final class Download implements AutoCloseable {
    private final String name;
    private final boolean zip;
    private final long size;
    private final long offset;
    private final Body body;
    private final @Nullable String resumeToken;
    private final Ended ended;
    private boolean completed;
    private boolean closed;

    Download(
        String name,
        boolean zip,
        long size,
        long offset,
        Body body,
        @Nullable String resumeToken,
        Ended ended) {
      this.name = name;
      this.zip = zip;
      this.size = size;
      this.offset = offset;
      this.body = body;
      this.resumeToken = resumeToken;
      this.ended = ended;
    }

    /** The file name to send ({@code <name>.zip} for a zip). */
    public String name() {
      return name;
    }

    /** Whether this is the zip of a share of several files ({@code application/zip}). */
    public boolean zip() {
      return zip;
    }

    /** Size of the whole body (the file, or the zip), exact. */
    public long size() {
      return size;
    }

    /** First byte this transfer sends (0 unless resumed). */
    public long offset() {
      return offset;
    }

    /** Streams the body from {@link #offset()} to its end into {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
      body.writeTo(out);
    }

    /**
     * Lets this claimant resume the transfer if it breaks; send it to the client only. {@code null}
     * for downloads that cannot be resumed (those of a share of several files).
     */
    public @Nullable String resumeToken() {
      return resumeToken;
    }

    /** The whole body reached the client; the transfer need not be resumed. */
    public void completed() {
      completed = true;
    }

    /**
     * Ends the transfer, completed or aborted: closes the objects and, if this was the last
     * download of the share, nothing runs and nothing can be resumed, deletes it. A transfer that
     * ended incomplete before a single byte of content was read (storage failed on the first
     * segment) gives its claim back. Idempotent.
     */
    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        body.close();
      } finally {
        ended.run(completed, completed || body.bytesRead() > 0);
      }
    }

    @Override
    public String toString() {
      return "Download[offset=" + offset + ", size=" + size + "]";
    }
  }

  /** The content of a download: one file's plaintext, or a zip of several. */
  interface Body {

    void writeTo(OutputStream out) throws IOException;

    /** Plaintext bytes read from stored objects so far. */
    long bytesRead();

    /** Releases the objects (and keys); never throws. */
    void close();
  }

  /** One file: its opened object and plaintext. */
  private record FileBody(OpenedObject object, InputStream plaintext) implements Body {

    @Override
    public void writeTo(OutputStream out) throws IOException {
      ReadAheadCopy.copy(plaintext, out);
    }

    @Override
    public long bytesRead() {
      return object.bytesRead();
    }

    @Override
    public void close() {
      object.close();
    }
  }

  /** What happens when a transfer ends. */
  @FunctionalInterface
  interface Ended {
    void run(boolean completed, boolean started);
  }

  /**
   * Checks the link and password, claims one download and opens the content: the file of a one-file
   * share (resumable), or the zip of all files of a share of several.
   *
   * @throws DomainException 404, or 401 {@code password_required} / {@code wrong_password}
   */
  public Download download(String tokenText, @Nullable String password) throws IOException {
    Resolved resolved = shares.available(tokenText);
    List<ShareFile> files = files(resolved);
    if (files.size() == 1) {
      return claimFile(resolved, password, files.getFirst(), true);
    }
    return claimZip(resolved, password, files);
  }

  /**
   * Like {@link #download} for file {@code index} (0-based) alone; it counts one download too. Only
   * the file of a one-file share can be resumed.
   *
   * @throws DomainException 404 also for an index out of range (nothing is counted)
   */
  public Download downloadFile(String tokenText, @Nullable String password, int index)
      throws IOException {
    Resolved resolved = shares.available(tokenText);
    List<ShareFile> files = files(resolved);
    if (index < 0 || index >= files.size()) {
      throw DomainException.notFound();
    }
    return claimFile(resolved, password, files.get(index), files.size() == 1);
  }

  private List<ShareFile> files(Resolved resolved) {
    List<ShareFile> files = repository.files(resolved.share().id());
    if (files.isEmpty()) {
      throw DomainException.notFound();
    }
    return files;
  }

  private Download claimFile(
      Resolved resolved, @Nullable String password, ShareFile file, boolean resumable)
      throws IOException {
    StoredShare share = resolved.share();
    byte[] passwordKey = passwordKey(resolved, password);
    try {
      // Open (and authenticate) before claiming: a storage outage answers 503 and takes nothing.
      FileBody opened = open(resolved, passwordKey, file, 0);
      try {
        claim(share);
      } catch (RuntimeException e) {
        opened.close();
        throw e;
      }
      String resumeToken = null;
      String resumeHash = null;
      if (resumable) {
        resumeToken = newResumeToken();
        resumeHash = hash(resumeToken);
        try {
          repository.insertResume(
              resumeHash, share.id(), clock.instant().plus(properties.resumeGrace()));
        } catch (RuntimeException e) {
          opened.close();
          transferEnded(share.id(), resumeHash, false, false);
          throw e;
        }
      }
      String hashed = resumeHash;
      return new Download(
          file.name(),
          false,
          file.size(),
          0,
          opened,
          resumeToken,
          (completed, started) -> transferEnded(share.id(), hashed, completed, started));
    } finally {
      wipe(passwordKey);
    }
  }

  /**
   * The zip of every file. Each object is opened and authenticated and each sealed CRC opened
   * before the claim (an outage is a 503, a missing file a 404, a damaged one a 500, and nothing is
   * taken); while streaming, the objects are opened one at a time.
   */
  private Download claimZip(Resolved resolved, @Nullable String password, List<ShareFile> files)
      throws IOException {
    StoredShare share = resolved.share();
    byte[] passwordKey = passwordKey(resolved, password);
    DataKey key = keys.dataKey(resolved.token(), passwordKey);
    byte[] checksumKey = keys.checksumKey(resolved.token(), passwordKey);
    try {
      List<String> names = ZipNames.of(files.stream().map(ShareFile::name).toList());
      List<ShareZip.Entry> entries = new ArrayList<>(files.size());
      for (ShareFile file : files) {
        if (file.sealedCrc() == null) {
          throw new IllegalStateException("a file of a share of several files has no checksum");
        }
        long crc = SealedChecksum.open(checksumKey, share.id(), file.index(), file.sealedCrc());
        entries.add(new ShareZip.Entry(names.get(file.index()), file.size(), crc));
        verify(file, key);
      }
      claim(share);
      ShareZipBody body = new ShareZipBody(objects, files, entries, key, share.createdAt());
      key = null; // the body destroys it
      return new Download(
          share.fileName() + ".zip",
          true,
          ShareZip.length(entries),
          0,
          body,
          null,
          (completed, started) -> transferEnded(share.id(), null, completed, started));
    } finally {
      wipe(passwordKey);
      wipe(checksumKey);
      if (key != null) {
        key.destroy();
      }
    }
  }

  /** Opens a file and checks its key commitment, then lets it go. */
  private void verify(ShareFile file, DataKey key) throws IOException {
    OpenedObject object;
    try {
      object = objects.open(file.blobId());
    } catch (ObjectGoneException e) {
      throw DomainException.notFound();
    }
    try (object) {
      object.decrypt(key, file.associatedData());
    }
  }

  /**
   * Continues an aborted transfer from {@code offset} without claiming a download.
   *
   * @param resumeToken the token the claimant received with its first response
   * @throws DomainException 404 unknown link, token expired, used up or not for this share; 401 for
   *     the password; 416 {@code range_not_satisfiable} for an offset at or past the end
   */
  public Download resume(
      String tokenText, @Nullable String password, String resumeToken, long offset)
      throws IOException {
    Resolved resolved = resolvedForResume(tokenText);
    StoredShare share = resolved.share();
    List<ShareFile> files = files(resolved);
    if (files.size() != 1) {
      // Downloads of a share of several files get no resume token.
      throw DomainException.notFound();
    }
    ShareFile file = files.getFirst();
    if (offset < 0 || (offset >= file.size() && file.size() > 0)) {
      throw rangeNotSatisfiable(file.size());
    }
    if (resumeToken == null || !RESUME_TOKEN.matcher(resumeToken).matches()) {
      throw DomainException.notFound();
    }
    byte[] passwordKey = passwordKey(resolved, password);
    try {
      String resumeHash = hash(resumeToken);
      Instant now = clock.instant();
      if (!repository.useResume(resumeHash, share.id(), now, MAX_RESUMES)
          || !repository.startResumedTransfer(share.id(), now)) {
        throw DomainException.notFound();
      }
      FileBody opened;
      try {
        opened = open(resolved, passwordKey, file, offset);
      } catch (IOException | RuntimeException e) {
        repository.finishTransfer(share.id());
        throw e;
      }
      return new Download(
          file.name(),
          false,
          file.size(),
          offset,
          opened,
          resumeToken,
          // A resumed transfer claimed nothing, so it has nothing to give back.
          (completed, started) -> transferEnded(share.id(), resumeHash, completed, true));
    } finally {
      wipe(passwordKey);
    }
  }

  /**
   * A share that may still be resumed: the link matches, it has not expired and is not locked, but
   * its downloads may all be claimed.
   */
  private Resolved resolvedForResume(String tokenText) {
    ShareToken token = ShareToken.parse(tokenText).orElseThrow(DomainException::notFound);
    StoredShare share = repository.find(token.id()).orElseThrow(DomainException::notFound);
    Instant now = clock.instant();
    if (!ShareKeys.matches(share.tokenVerifier(), keys.tokenVerifier(token))
        || !share.expiresAt().isAfter(now)
        || share.failedAttempts() >= ShareService.MAX_PASSWORD_ATTEMPTS) {
      throw DomainException.notFound();
    }
    return new Resolved(token, share);
  }

  /**
   * Opens the plaintext of {@code file} at {@code offset}; the key commitment is checked before
   * anything is sent.
   *
   * @throws io.vaultdrop.objects.StorageUnavailableException the blob store failed
   */
  private FileBody open(
      Resolved resolved, byte @Nullable [] passwordKey, ShareFile file, long offset)
      throws IOException {
    OpenedObject object;
    try {
      object = objects.open(file.blobId());
    } catch (ObjectGoneException e) {
      throw DomainException.notFound();
    }
    try (DataKey key = keys.dataKey(resolved.token(), passwordKey)) {
      InputStream plaintext = object.decrypt(key, file.associatedData());
      // Segments before the offset are decrypted and verified, then dropped: constant memory.
      plaintext.skipNBytes(offset);
      return new FileBody(object, plaintext);
    } catch (IOException | RuntimeException e) {
      object.close();
      throw e;
    }
  }

  private byte @Nullable [] passwordKey(Resolved resolved, @Nullable String password)
      throws IOException {
    StoredShare share = resolved.share();
    if (!share.passwordRequired()) {
      return null;
    }
    int left = ShareService.MAX_PASSWORD_ATTEMPTS - share.failedAttempts();
    if (password == null || password.isEmpty()) {
      throw new DomainException(
          ErrorCode.PASSWORD_REQUIRED,
          "problem.share.password-required",
          Map.of("attemptsLeft", left));
    }
    if (password.length() > ShareService.MAX_PASSWORD_LENGTH) {
      password = password.substring(0, ShareService.MAX_PASSWORD_LENGTH + 1);
    }
    byte[] passwordKey = keys.passwordKey(password, share.password());
    if (ShareKeys.matches(
        share.passwordVerifier(), keys.passwordVerifier(resolved.token(), passwordKey))) {
      return passwordKey;
    }
    Arrays.fill(passwordKey, (byte) 0);
    int attempts =
        repository
            .countFailedAttempt(share.id(), ShareService.MAX_PASSWORD_ATTEMPTS)
            .orElseThrow(DomainException::notFound);
    int attemptsLeft = Math.max(0, ShareService.MAX_PASSWORD_ATTEMPTS - attempts);
    if (attemptsLeft == 0) {
      shares.destroy(share, ShareEnd.LOCKED);
    }
    throw new DomainException(
        ErrorCode.WRONG_PASSWORD,
        attemptsLeft == 0 ? "problem.share.wrong-password-last" : "problem.share.wrong-password",
        Map.of("attemptsLeft", attemptsLeft));
  }

  private void claim(StoredShare share) {
    int expected = share.remaining();
    for (int i = 0; i < CLAIM_RETRIES; i++) {
      if (expected <= 0) {
        throw DomainException.notFound();
      }
      if (repository.claim(share.id(), expected, clock.instant())) {
        return;
      }
      Optional<StoredShare> current = repository.find(share.id());
      if (current.isEmpty() || !current.get().isAvailable(clock.instant())) {
        throw DomainException.notFound();
      }
      expected = current.get().remaining();
    }
    throw new DomainException(ErrorCode.BUSY, "problem.share.busy");
  }

  /**
   * A completed transfer gives up its resume token; an aborted one keeps it until it expires, and
   * one that never started (not one byte read) gives its claim back. The share goes once every
   * download is claimed, no transfer runs and no token can resume one.
   */
  private void transferEnded(
      String id, @Nullable String resumeHash, boolean completed, boolean started) {
    try {
      if (!started) {
        if (resumeHash != null) {
          repository.deleteResume(resumeHash);
        }
        repository.giveBack(id);
        return;
      }
      if (completed && resumeHash != null) {
        repository.deleteResume(resumeHash);
      }
      repository.finishTransfer(id);
      Optional<StoredShare> current = repository.find(id);
      if (current.isPresent()
          && current.get().remaining() <= 0
          && current.get().inFlight() <= 0
          && !repository.hasLiveResume(id, clock.instant())) {
        shares.destroy(current.get(), ShareEnd.USED_UP);
      }
    } catch (RuntimeException e) {
      log.warn("could not finish a share transfer; the sweeper will clean up", e);
    }
  }

  static DomainException rangeNotSatisfiable(long size) {
    return new DomainException(ErrorCode.RANGE_NOT_SATISFIABLE, "problem.share.range-below", size);
  }

  private static String newResumeToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String hash(String resumeToken) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(resumeToken.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void wipe(byte @Nullable [] key) {
    if (key != null) {
      Arrays.fill(key, (byte) 0);
    }
  }
}
