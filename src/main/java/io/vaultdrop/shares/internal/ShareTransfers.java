package io.vaultdrop.shares.internal;

import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.objects.ObjectGoneException;
import io.vaultdrop.objects.OpenedObject;
import io.vaultdrop.objects.StoredObjects;
import io.vaultdrop.shares.internal.ShareService.Resolved;
import java.io.IOException;
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

  /**
   * What a resume token of the zip of all files resumes ({@code share_resumes.target}); a token of
   * one file holds that file's 0-based index.
   */
  static final int ZIP_TARGET = -1;

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
    private final String resumeToken;
    private final Ended ended;
    private final boolean canHandOver;
    private boolean completed;
    private boolean handedOver;
    private boolean closed;

    Download(
        String name,
        boolean zip,
        long size,
        long offset,
        Body body,
        String resumeToken,
        boolean canHandOver,
        Ended ended) {
      this.name = name;
      this.zip = zip;
      this.size = size;
      this.offset = offset;
      this.body = body;
      this.resumeToken = resumeToken;
      this.canHandOver = canHandOver;
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
     * Lets this claimant resume the transfer (this file, or this zip) if it breaks; send it to the
     * client only.
     */
    public String resumeToken() {
      return resumeToken;
    }

    /**
     * Whether {@link #handOver} may be used: a fresh claim of a share without a password (a resume
     * needs the password again, and a GET cannot carry it) while resuming is on.
     */
    public boolean canHandOver() {
      return canHandOver;
    }

    /**
     * Ends this fresh claim before a byte is sent, keeping the claim and its resume token, so that
     * a {@code GET} carrying the token as its capability serves it with {@link #resume} (the
     * landing page's download, {@code docs/shares.md} "Browser downloads"). Nothing more is
     * counted; if the token is never used, the claim is spent like an aborted transfer's.
     *
     * @return the resume token
     * @throws IllegalStateException unless {@link #canHandOver()}
     */
    public String handOver() {
      if (!canHandOver || closed) {
        throw new IllegalStateException("this download cannot be handed over");
      }
      handedOver = true;
      close();
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
        // A handed-over claim counts as started: its claim and resume token stay.
        ended.run(completed, completed || handedOver || body.bytesRead() > 0);
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

  /** What happens when a transfer ends. */
  @FunctionalInterface
  interface Ended {
    void run(boolean completed, boolean started);
  }

  /**
   * Checks the link and password, claims one download and opens the content: the file of a one-file
   * share, or the zip of all files of a share of several. Either can be resumed.
   *
   * @throws DomainException 404, or 401 {@code password_required} / {@code wrong_password}
   */
  public Download download(String tokenText, @Nullable String password) throws IOException {
    Resolved resolved = shares.available(tokenText);
    List<ShareFile> files = files(resolved);
    if (files.size() == 1) {
      return claimFile(resolved, password, files.getFirst());
    }
    return claimZip(resolved, password, files);
  }

  /**
   * Like {@link #download} for file {@code index} (0-based) alone; it counts one download too, and
   * its resume token resumes only that file.
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
    return claimFile(resolved, password, files.get(index));
  }

  private List<ShareFile> files(Resolved resolved) {
    List<ShareFile> files = repository.files(resolved.share().id());
    if (files.isEmpty()) {
      throw DomainException.notFound();
    }
    return files;
  }

  private Download claimFile(Resolved resolved, @Nullable String password, ShareFile file)
      throws IOException {
    byte[] passwordKey = passwordKey(resolved, password);
    try {
      // Open (and authenticate) before claiming: a storage outage answers 503 and takes nothing.
      SharedFileReader.Opened opened = open(resolved, passwordKey, file, 0);
      return claimed(resolved.share(), file.name(), false, file.size(), file.index(), opened);
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
    try {
      List<ShareZip.Entry> entries = zipEntries(resolved, passwordKey, files);
      for (ShareFile file : files) {
        verify(file, key);
      }
      long size = ShareZip.length(entries);
      ShareZipBody body = new ShareZipBody(objects, files, entries, key, share.createdAt(), 0);
      key = null; // the body destroys it
      return claimed(share, share.fileName() + ".zip", true, size, ZIP_TARGET, body);
    } finally {
      wipe(passwordKey);
      if (key != null) {
        key.destroy();
      }
    }
  }

  /**
   * Claims one download of opened content and gives its claimant a resume token for {@code target}
   * (the zip, or the file's index). The body is closed if the claim fails.
   */
  private Download claimed(
      StoredShare share, String name, boolean zip, long size, int target, Body body) {
    try {
      claim(share);
    } catch (RuntimeException e) {
      body.close();
      throw e;
    }
    String resumeToken = newResumeToken();
    String resumeHash = hash(resumeToken);
    try {
      repository.insertResume(
          resumeHash, share.id(), target, clock.instant().plus(properties.resumeGrace()));
    } catch (RuntimeException e) {
      body.close();
      transferEnded(share.id(), resumeHash, false, false);
      throw e;
    }
    return new Download(
        name,
        zip,
        size,
        0,
        body,
        resumeToken,
        !share.passwordRequired() && properties.resumeGrace().isPositive(),
        (completed, started) -> transferEnded(share.id(), resumeHash, completed, started));
  }

  /**
   * The zip's entries: safe unique names, sizes, and the CRC-32s unsealed (one that does not open
   * fails here, before anything is claimed or resumed).
   */
  private List<ShareZip.Entry> zipEntries(
      Resolved resolved, byte @Nullable [] passwordKey, List<ShareFile> files) throws IOException {
    String shareId = resolved.share().id();
    byte[] checksumKey = keys.checksumKey(resolved.token(), passwordKey);
    try {
      List<String> names = ZipNames.of(files.stream().map(ShareFile::name).toList());
      List<ShareZip.Entry> entries = new ArrayList<>(files.size());
      for (ShareFile file : files) {
        if (file.sealedCrc() == null) {
          throw new IllegalStateException("a file of a share of several files has no checksum");
        }
        long crc = SealedChecksum.open(checksumKey, shareId, file.index(), file.sealedCrc());
        entries.add(new ShareZip.Entry(names.get(file.index()), file.size(), crc));
      }
      return entries;
    } finally {
      wipe(checksumKey);
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
   * Continues an aborted transfer from {@code offset} without claiming a download: the same bytes,
   * from {@code offset} on, that the claimed transfer sent (the zip is deterministic).
   *
   * @param resumeToken the token the claimant received with its first response
   * @param index the file of a share of several files ({@code ?file=N}), or {@code null} for the
   *     zip (or the file of a one-file share); the token must have been given for the same
   * @throws DomainException 404 unknown link, token expired, used up, not for this share or not for
   *     this zip or file; 401 for the password; 416 {@code range_not_satisfiable} for an offset at
   *     or past the end
   */
  public Download resume(
      String tokenText,
      @Nullable String password,
      String resumeToken,
      long offset,
      @Nullable Integer index)
      throws IOException {
    Resolved resolved = resolvedForResume(tokenText);
    StoredShare share = resolved.share();
    List<ShareFile> files = files(resolved);
    if (index != null && (index < 0 || index >= files.size())) {
      throw DomainException.notFound();
    }
    if (resumeToken == null || !RESUME_TOKEN.matcher(resumeToken).matches()) {
      throw DomainException.notFound();
    }
    boolean zip = index == null && files.size() > 1;
    ShareFile file = files.get(index == null ? 0 : index);
    byte[] passwordKey = passwordKey(resolved, password);
    try {
      List<ShareZip.Entry> entries = zip ? zipEntries(resolved, passwordKey, files) : List.of();
      long size = zip ? ShareZip.length(entries) : file.size();
      if (offset < 0 || (offset >= size && size > 0)) {
        throw rangeNotSatisfiable(size);
      }
      String resumeHash = hash(resumeToken);
      Instant now = clock.instant();
      int target = zip ? ZIP_TARGET : file.index();
      if (!repository.useResume(resumeHash, share.id(), target, now, MAX_RESUMES)
          || !repository.startResumedTransfer(share.id(), now)) {
        throw DomainException.notFound();
      }
      Body body;
      try {
        body =
            zip
                ? new ShareZipBody(
                    objects,
                    files,
                    entries,
                    keys.dataKey(resolved.token(), passwordKey),
                    share.createdAt(),
                    offset)
                : open(resolved, passwordKey, file, offset);
      } catch (IOException | RuntimeException e) {
        repository.finishTransfer(share.id());
        throw e;
      }
      return new Download(
          zip ? share.fileName() + ".zip" : file.name(),
          zip,
          size,
          offset,
          body,
          resumeToken,
          false,
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
   * Opens the plaintext of {@code file} at {@code offset} ({@link SharedFileReader}); the key
   * commitment is checked before anything is sent.
   *
   * @throws io.vaultdrop.objects.StorageUnavailableException the blob store failed
   */
  private SharedFileReader.Opened open(
      Resolved resolved, byte @Nullable [] passwordKey, ShareFile file, long offset)
      throws IOException {
    try (DataKey key = keys.dataKey(resolved.token(), passwordKey)) {
      return SharedFileReader.open(objects, file, key, offset, null);
    } catch (ObjectGoneException e) {
      throw DomainException.notFound();
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
  private void transferEnded(String id, String resumeHash, boolean completed, boolean started) {
    try {
      if (!started) {
        repository.deleteResume(resumeHash);
        repository.giveBack(id);
        return;
      }
      if (completed) {
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
