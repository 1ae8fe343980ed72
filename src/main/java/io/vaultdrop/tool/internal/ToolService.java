package io.vaultdrop.tool.internal;

import io.vaultdrop.config.VaultdropProperties;
import io.vaultdrop.crypto.CipherSuite;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.objects.FeatureObjects;
import io.vaultdrop.objects.NewObject;
import io.vaultdrop.objects.StoredObjects;
import io.vaultdrop.ratelimit.RateLimitPolicy;
import io.vaultdrop.ratelimit.RateLimiter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The encrypt/decrypt tool, shared by the API and the page controllers.
 *
 * <p>Security decisions: job ids are 256 random bits; every lookup is scoped by owner, so another
 * user's job is indistinguishable from a missing one. At rest there is only ciphertext (a blob) and
 * the {@code .key} file sealed by the master key with the context {@code tool-job:<id>}; a
 * decryption job keeps the uploaded ciphertext and the sealed key and decrypts while streaming the
 * download, so decrypted plaintext is never stored. An uploaded pair is fully decrypted (into
 * nothing) before the job is accepted, so a wrong key or any damage answers {@code 422
 * decryption_failed} before a single plaintext byte is sent.
 */
@Service
public final class ToolService implements FeatureObjects {

  /** Uploads (encrypt or decrypt) per user. */
  public static final RateLimitPolicy UPLOADS =
      new RateLimitPolicy("tool-uploads", 30, Duration.ofMinutes(10));

  private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int SWEEP_BATCH = 500;

  static final String FEATURE = "tool";

  private final ToolJobRepository jobs;
  private final StoredObjects objects;
  private final ToolCiphertexts ciphertexts;
  private final SealedKeys sealedKeys;
  private final RateLimiter rateLimiter;
  private final Clock clock;
  private final Duration retention;

  ToolService(
      ToolJobRepository jobs,
      StoredObjects objects,
      ToolCiphertexts ciphertexts,
      SealedKeys sealedKeys,
      RateLimiter rateLimiter,
      Clock clock,
      VaultdropProperties properties) {
    this.jobs = jobs;
    this.objects = objects;
    this.ciphertexts = ciphertexts;
    this.sealedKeys = sealedKeys;
    this.rateLimiter = rateLimiter;
    this.clock = clock;
    this.retention = properties.tool().retention();
  }

  /**
   * A job's file, stored as a pending object under a fresh job id but not recorded yet; {@link
   * #publish} records it, closing it without that discards it.
   */
  public static final class PendingJob implements AutoCloseable {
    private final NewObject object;
    private final String id;
    private final String ownerId;
    private final JobKind kind;
    private final String name;
    private final long storedSize;
    private final ToolCiphertexts.@Nullable Checked encrypted;
    private final byte @Nullable [] sealedKey;

    PendingJob(
        NewObject object,
        String id,
        String ownerId,
        JobKind kind,
        String name,
        long storedSize,
        ToolCiphertexts.@Nullable Checked encrypted,
        byte @Nullable [] sealedKey) {
      this.object = object;
      this.id = id;
      this.ownerId = ownerId;
      this.kind = kind;
      this.name = name;
      this.storedSize = storedSize;
      this.encrypted = encrypted;
      this.sealedKey = sealedKey;
    }

    @Override
    public void close() {
      object.close();
    }

    @Override
    public String toString() {
      return "PendingJob[" + kind + "]";
    }
  }

  /** Counts one upload (encrypt or decrypt) against the owner's budget; 429 beyond it. */
  public void checkUploadBudget(String ownerId) {
    rateLimiter.consume(UPLOADS, ownerId);
  }

  // ---------------------------------------------------------------- encrypt

  /**
   * Encrypts {@code content} under a fresh key into a pending job; the key file is sealed for the
   * job at once. Plaintext is bounded by the caller (the upload limit).
   */
  public PendingJob storeEncryption(
      String ownerId, String fileName, InputStream content, CipherSuite suite, KeyMode mode)
      throws IOException {
    String id = newJobId();
    NewObject object = objects.create(FEATURE, Long.MAX_VALUE);
    try {
      ToolCiphertexts.Encrypted encrypted = ciphertexts.encrypt(object, suite, content);
      long storedSize = object.commit();
      String keyFile =
          mode == KeyMode.SERVER_BOUND
              ? ciphertexts.serverBound(encrypted.keyFile())
              : encrypted.keyFile();
      return new PendingJob(
          object,
          id,
          ownerId,
          JobKind.ENCRYPT,
          displayName(fileName, "file"),
          storedSize,
          new ToolCiphertexts.Checked(suite, mode, encrypted.size()),
          sealedKeys.seal(id, keyFile));
    } catch (IOException | RuntimeException e) {
      object.close();
      throw e;
    }
  }

  // ---------------------------------------------------------------- decrypt

  /** Stores an uploaded ciphertext ({@code .enc} or {@code .age}) as it is, into a pending job. */
  public PendingJob storeCiphertext(
      String ownerId, String fileName, InputStream ciphertext, long maxBytes) throws IOException {
    NewObject object = objects.create(FEATURE, maxBytes);
    try {
      try (OutputStream out = object.ciphertext()) {
        ciphertext.transferTo(out);
      }
      long storedSize = object.commit();
      return new PendingJob(
          object,
          newJobId(),
          ownerId,
          JobKind.DECRYPT,
          originalName(fileName),
          storedSize,
          null,
          null);
    } catch (IOException | RuntimeException e) {
      object.close();
      throw e;
    }
  }

  // ---------------------------------------------------------------- publish

  /**
   * Records the job. A decryption job is first checked whole with {@code keyText} (the pending
   * object is read back and decrypted into nothing), so a wrong key or any damage is a {@code 422
   * decryption_failed} before the job exists.
   *
   * @param keyText the key file of a decryption job; ignored for an encryption job
   */
  public ToolJob publish(PendingJob pending, @Nullable String keyText) throws IOException {
    ToolCiphertexts.Checked checked = pending.encrypted;
    byte[] sealedKey = pending.sealedKey;
    if (pending.kind == JobKind.DECRYPT) {
      if (keyText == null) {
        throw DomainException.invalidRequest("problem.tool.no-key-part");
      }
      checked = ciphertexts.check(pending.object.readCommitted(), keyText);
      sealedKey = sealedKeys.seal(pending.id, keyText);
    }
    Instant now = clock.instant();
    ToolJob job =
        new ToolJob(
            pending.id,
            pending.ownerId,
            pending.kind,
            pending.name,
            checked.suite(),
            checked.mode(),
            checked.size(),
            pending.storedSize,
            pending.object.id(),
            false,
            false,
            now,
            now.plus(retention));
    byte[] key = sealedKey;
    pending.object.publish(() -> jobs.insert(job, key));
    return job;
  }

  /** The owner's job of that kind, if it exists and has not expired. */
  public Optional<ToolJob> find(String ownerId, String id, JobKind kind) {
    if (id == null || !JOB_ID.matcher(id).matches()) {
      return Optional.empty();
    }
    return jobs.find(ownerId, id, kind, clock.instant());
  }

  // ---------------------------------------------------------------- lists, deletion, retention

  /** The owner's live jobs, newest first. */
  public List<ToolJob> jobsOf(String ownerId) {
    return jobs.live(ownerId, clock.instant());
  }

  /** Deletes one of the owner's jobs; 404 if it is not theirs or gone. */
  public void delete(String ownerId, String id) {
    if (id == null || !JOB_ID.matcher(id).matches()) {
      throw DomainException.notFound();
    }
    ToolJob job =
        jobs.ofOwner(ownerId).stream()
            .filter(j -> j.id().equals(id))
            .findFirst()
            .orElseThrow(DomainException::notFound);
    if (!jobs.deleteOwned(ownerId, id, job.blobId())) {
      throw DomainException.notFound();
    }
  }

  /** Deletes every job of a user, in the account deletion's transaction. */
  @Override
  public int deleteAllOf(String ownerId) {
    int deleted = 0;
    for (ToolJob job : jobs.ofOwner(ownerId)) {
      if (jobs.deleteOwned(ownerId, job.id(), job.blobId())) {
        deleted++;
      }
    }
    return deleted;
  }

  /** Deletes every job past its retention; returns how many. */
  @Override
  public int deleteExpired(Instant now) {
    int deleted = 0;
    List<ToolJob> batch;
    do {
      batch = jobs.expired(now, SWEEP_BATCH);
      for (ToolJob job : batch) {
        if (jobs.deleteExpired(job.id(), now, job.blobId())) {
          deleted++;
        }
      }
    } while (batch.size() == SWEEP_BATCH);
    return deleted;
  }

  public Duration retention() {
    return retention;
  }

  public Instant now() {
    return clock.instant();
  }

  // ---------------------------------------------------------------- helpers

  public static CipherSuite algorithm(String value) {
    if (value == null || value.isBlank()) {
      return CipherSuite.CHACHA20_POLY1305;
    }
    try {
      return CipherSuite.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new DomainException(ErrorCode.UNSUPPORTED_ALGORITHM, "problem.tool.algorithm");
    }
  }

  public static KeyMode keyMode(String value) {
    if (value == null || value.isBlank()) {
      return KeyMode.PORTABLE;
    }
    try {
      return KeyMode.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw DomainException.invalidRequest("problem.tool.key-mode");
    }
  }

  private static String newJobId() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String displayName(String name, String fallback) {
    String trimmed = name == null ? "" : name.strip();
    if (trimmed.isEmpty()) {
      return fallback;
    }
    return trimmed.length() > 200 ? trimmed.substring(0, 200) : trimmed;
  }

  /** {@code report.pdf.enc} → {@code report.pdf}; also strips {@code .age}. */
  static String originalName(String encName) {
    String name = displayName(encName, "decrypted");
    String lower = name.toLowerCase(Locale.ROOT);
    if ((lower.endsWith(".enc") || lower.endsWith(".age")) && name.length() > 4) {
      name = name.substring(0, name.length() - 4);
    }
    return name;
  }

  @Override
  public String feature() {
    return FEATURE;
  }
}
