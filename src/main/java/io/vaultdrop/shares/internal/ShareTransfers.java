package io.vaultdrop.shares.internal;

import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.objects.ObjectGoneException;
import io.vaultdrop.objects.OpenedObject;
import io.vaultdrop.objects.StoredObjects;
import io.vaultdrop.shares.internal.ShareService.Resolved;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
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
   * A claimed (or resumed) download: the plaintext from {@link #offset()} on, and what to do once
   * the transfer ended. The caller streams {@link #content()}, calls {@link #completed()} once the
   * last byte was handed to the client, and must {@link #close()} it whatever happens.
   */
  public static final class Download implements AutoCloseable {
    private final String name;
    private final long size;
    private final long offset;
    private final OpenedObject object;
    private final InputStream content;
    private final String resumeToken;
    private final Ended ended;
    private boolean completed;
    private boolean closed;

    Download(
        String name,
        long size,
        long offset,
        OpenedObject object,
        InputStream plaintext,
        String resumeToken,
        Ended ended) {
      this.name = name;
      this.size = size;
      this.offset = offset;
      this.object = object;
      this.content = plaintext;
      this.resumeToken = resumeToken;
      this.ended = ended;
    }

    public String name() {
      return name;
    }

    /** Size of the whole file. */
    public long size() {
      return size;
    }

    /** First byte this transfer sends (0 unless resumed). */
    public long offset() {
      return offset;
    }

    /** The plaintext from {@link #offset()} to the end. */
    public InputStream content() {
      return content;
    }

    /** Lets this claimant resume the transfer if it breaks; send it to the client only. */
    public String resumeToken() {
      return resumeToken;
    }

    /** The whole body reached the client; the transfer need not be resumed. */
    public void completed() {
      completed = true;
    }

    /**
     * Ends the transfer, completed or aborted: closes the object and, if this was the last download
     * of the share, nothing runs and nothing can be resumed, deletes it. A transfer that ended
     * before a single byte was read (storage failed on the first segment) gives its claim back.
     * Idempotent.
     */
    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        object.close();
      } finally {
        ended.run(completed, object.bytesRead() > 0);
      }
    }

    @Override
    public String toString() {
      return "Download[offset=" + offset + ", size=" + size + "]";
    }
  }

  /** What happens when a transfer ends. */
  @FunctionalInterface
  interface Ended {
    void run(boolean completed, boolean started);
  }

  /**
   * Checks the link and password, claims one download and opens the plaintext.
   *
   * @throws DomainException 404, or 401 {@code password_required} / {@code wrong_password}
   */
  public Download download(String tokenText, @Nullable String password) throws IOException {
    Resolved resolved = shares.available(tokenText);
    StoredShare share = resolved.share();
    byte[] passwordKey = passwordKey(resolved, password);
    try {
      // Open (and authenticate) before claiming: a storage outage answers 503 and takes nothing.
      Opened opened = open(resolved, passwordKey, 0);
      try {
        claim(share);
      } catch (RuntimeException e) {
        opened.object().close();
        throw e;
      }
      String resumeToken = newResumeToken();
      String resumeHash = hash(resumeToken);
      try {
        repository.insertResume(
            resumeHash, share.id(), clock.instant().plus(properties.resumeGrace()));
      } catch (RuntimeException e) {
        opened.object().close();
        transferEnded(share.id(), resumeHash, false, false);
        throw e;
      }
      return new Download(
          share.fileName(),
          share.size(),
          0,
          opened.object(),
          opened.plaintext(),
          resumeToken,
          (completed, started) -> transferEnded(share.id(), resumeHash, completed, started));
    } finally {
      wipe(passwordKey);
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
    if (offset < 0 || (offset >= share.size() && share.size() > 0)) {
      throw rangeNotSatisfiable(share.size());
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
      Opened opened;
      try {
        opened = open(resolved, passwordKey, offset);
      } catch (IOException | RuntimeException e) {
        repository.finishTransfer(share.id());
        throw e;
      }
      return new Download(
          share.fileName(),
          share.size(),
          offset,
          opened.object(),
          opened.plaintext(),
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

  private record Opened(OpenedObject object, InputStream plaintext) {}

  /**
   * Opens the plaintext at {@code offset}; the key commitment is checked before anything is sent.
   *
   * @throws io.vaultdrop.objects.StorageUnavailableException the blob store failed
   */
  private Opened open(Resolved resolved, byte @Nullable [] passwordKey, long offset)
      throws IOException {
    StoredShare share = resolved.share();
    OpenedObject object;
    try {
      object = objects.open(share.blobId());
    } catch (ObjectGoneException e) {
      throw DomainException.notFound();
    }
    try (DataKey key = keys.dataKey(resolved.token(), passwordKey)) {
      InputStream plaintext = object.decrypt(key, ShareService.associatedData(share.id()));
      // Segments before the offset are decrypted and verified, then dropped: constant memory.
      plaintext.skipNBytes(offset);
      return new Opened(object, plaintext);
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
          ErrorCode.PASSWORD_REQUIRED, "This link needs a password.", Map.of("attemptsLeft", left));
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
      shares.destroy(share);
    }
    throw new DomainException(
        ErrorCode.WRONG_PASSWORD,
        attemptsLeft == 0
            ? "The password is wrong. The link no longer works."
            : "The password is wrong.",
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
    throw new DomainException(ErrorCode.BUSY, "Please try again.");
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
        shares.destroy(current.get());
      }
    } catch (RuntimeException e) {
      log.warn("could not finish a share transfer; the sweeper will clean up", e);
    }
  }

  static DomainException rangeNotSatisfiable(long size) {
    return new DomainException(
        ErrorCode.RANGE_NOT_SATISFIABLE,
        "Resume with Range: bytes=<first byte>- where the first byte is below " + size + ".");
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
