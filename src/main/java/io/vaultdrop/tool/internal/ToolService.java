package io.vaultdrop.tool.internal;

import io.vaultdrop.config.VaultdropProperties;
import io.vaultdrop.crypto.CipherSuite;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.ratelimit.RateLimitPolicy;
import io.vaultdrop.ratelimit.RateLimiter;
import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.storage.BlobWriter;
import io.vaultdrop.web.FormFields;
import io.vaultdrop.web.MultipartResult;
import io.vaultdrop.web.StreamingMultipart;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
public final class ToolService {

  /** Uploads (encrypt or decrypt) per user. */
  public static final RateLimitPolicy UPLOADS =
      new RateLimitPolicy("tool-uploads", 30, Duration.ofMinutes(10));

  private static final Logger log = LoggerFactory.getLogger(ToolService.class);
  private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int SWEEP_BATCH = 500;

  private final ToolJobRepository jobs;
  private final BlobStore blobs;
  private final ToolCiphertexts ciphertexts;
  private final SealedKeys sealedKeys;
  private final StreamingMultipart multipart;
  private final RateLimiter rateLimiter;
  private final Clock clock;
  private final Duration retention;
  private final long maxUpload;

  ToolService(
      ToolJobRepository jobs,
      BlobStore blobs,
      ToolCiphertexts ciphertexts,
      SealedKeys sealedKeys,
      StreamingMultipart multipart,
      RateLimiter rateLimiter,
      Clock clock,
      VaultdropProperties properties) {
    this.jobs = jobs;
    this.blobs = blobs;
    this.ciphertexts = ciphertexts;
    this.sealedKeys = sealedKeys;
    this.multipart = multipart;
    this.rateLimiter = rateLimiter;
    this.clock = clock;
    this.retention = properties.tool().retention();
    this.maxUpload = properties.maxUploadSize().toBytes();
  }

  // ---------------------------------------------------------------- encrypt

  /**
   * Encrypts the multipart {@code file} of the request. The fields {@code algorithm} and {@code
   * keyMode} must come before the file part.
   *
   * @throws DomainException 400 {@code unsupported_algorithm}, 400 for a bad key mode or fields
   *     after the file, 413, 429
   */
  public ToolJob encrypt(String ownerId, HttpServletRequest request) throws IOException {
    rateLimiter.consume(UPLOADS, ownerId);
    String id = newJobId();
    AtomicReference<BlobId> created = new AtomicReference<>();
    MultipartResult<Encrypted> result;
    try {
      result =
          multipart.receive(
              request,
              StreamingMultipart.DEFAULT_FILE_PART,
              maxUpload,
              (file, before) -> {
                Encrypted part = encryptPart(id, file.fileName(), file.content(), before);
                created.set(part.blob());
                return part;
              });
    } catch (IOException | RuntimeException e) {
      // A part after the file (a second file, too many parts) can fail after the blob was made.
      deleteQuietly(created.get());
      throw e;
    }
    Encrypted encrypted = result.value();
    try {
      requireFieldsBeforeFile(encrypted.fieldsBefore(), result.fields(), "algorithm", "keyMode");
      Instant now = clock.instant();
      ToolJob job =
          new ToolJob(
              id,
              ownerId,
              JobKind.ENCRYPT,
              encrypted.name(),
              encrypted.suite(),
              encrypted.mode(),
              encrypted.size(),
              blobs.size(encrypted.blob()).orElseThrow(),
              encrypted.blob(),
              false,
              false,
              now,
              now.plus(retention));
      jobs.insert(job, encrypted.sealedKey());
      return job;
    } catch (RuntimeException e) {
      blobs.delete(encrypted.blob());
      throw e;
    }
  }

  private Encrypted encryptPart(String id, String fileName, InputStream content, FormFields before)
      throws IOException {
    CipherSuite suite = algorithm(before.first("algorithm").orElse(null));
    KeyMode mode = keyMode(before.first("keyMode").orElse(null));
    ToolCiphertexts.Encrypted encrypted = ciphertexts.encrypt(suite, content);
    String keyFile =
        mode == KeyMode.SERVER_BOUND
            ? ciphertexts.serverBound(encrypted.keyFile())
            : encrypted.keyFile();
    return new Encrypted(
        encrypted.blob(),
        displayName(fileName, "file"),
        suite,
        mode,
        encrypted.size(),
        sealedKeys.seal(id, keyFile),
        before);
  }

  private record Encrypted(
      BlobId blob,
      String name,
      CipherSuite suite,
      KeyMode mode,
      long size,
      byte[] sealedKey,
      FormFields fieldsBefore) {}

  // ---------------------------------------------------------------- decrypt

  /**
   * Takes the multipart {@code enc} (file part) and {@code key} (a small part, before or after the
   * file), checks that the key opens the whole file, and keeps both for one download.
   *
   * @throws DomainException 422 {@code decryption_failed}, 400, 413, 429
   */
  public ToolJob decrypt(String ownerId, HttpServletRequest request) throws IOException {
    rateLimiter.consume(UPLOADS, ownerId);
    String id = newJobId();
    AtomicReference<BlobId> created = new AtomicReference<>();
    MultipartResult<Stored> result;
    try {
      result =
          multipart.receive(
              request,
              "enc",
              maxUpload,
              (file, before) -> {
                try (BlobWriter writer = blobs.create()) {
                  file.content().transferTo(writer.stream());
                  writer.commit();
                  created.set(writer.id());
                  return new Stored(writer.id(), file.fileName());
                }
              });
    } catch (IOException | RuntimeException e) {
      deleteQuietly(created.get());
      throw e;
    }
    BlobId blob = result.value().blob();
    try {
      String keyText =
          result
              .fields()
              .first("key")
              .orElseThrow(
                  () -> DomainException.invalidRequest("The multipart body has no 'key' part."));
      ToolCiphertexts.Checked checked = ciphertexts.check(blob, keyText);
      Instant now = clock.instant();
      ToolJob job =
          new ToolJob(
              id,
              ownerId,
              JobKind.DECRYPT,
              originalName(result.value().fileName()),
              checked.suite(),
              checked.mode(),
              checked.size(),
              blobs.size(blob).orElseThrow(),
              blob,
              false,
              false,
              now,
              now.plus(retention));
      jobs.insert(job, sealedKeys.seal(id, keyText));
      return job;
    } catch (IOException | RuntimeException e) {
      blobs.delete(blob);
      throw e;
    }
  }

  private record Stored(BlobId blob, String fileName) {}

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
  public void delete(String ownerId, String id) throws IOException {
    if (id == null || !JOB_ID.matcher(id).matches()) {
      throw DomainException.notFound();
    }
    ToolJob job =
        jobs.ofOwner(ownerId).stream()
            .filter(j -> j.id().equals(id))
            .findFirst()
            .orElseThrow(DomainException::notFound);
    if (jobs.deleteOwned(ownerId, id)) {
      blobs.delete(job.blobId());
    }
  }

  /** Deletes every job of a user (account deletion). */
  public int deleteAllOf(String ownerId) throws IOException {
    int deleted = 0;
    for (ToolJob job : jobs.ofOwner(ownerId)) {
      if (jobs.deleteOwned(ownerId, job.id())) {
        blobs.delete(job.blobId());
        deleted++;
      }
    }
    return deleted;
  }

  /** Deletes every job past its retention; returns how many. */
  public int sweepExpired() throws IOException {
    Instant now = clock.instant();
    int deleted = 0;
    List<ToolJob> batch;
    do {
      batch = jobs.expired(now, SWEEP_BATCH);
      for (ToolJob job : batch) {
        if (jobs.deleteExpired(job.id(), now)) {
          blobs.delete(job.blobId());
          deleted++;
        }
      }
    } while (batch.size() == SWEEP_BATCH);
    if (deleted > 0) {
      log.info("Deleted {} expired encrypt-tool job(s)", deleted);
    }
    return deleted;
  }

  public Duration retention() {
    return retention;
  }

  public Instant now() {
    return clock.instant();
  }

  // ---------------------------------------------------------------- helpers

  private void deleteQuietly(BlobId blob) {
    if (blob == null) {
      return;
    }
    try {
      blobs.delete(blob);
    } catch (IOException | RuntimeException e) {
      log.warn(
          "Could not delete the blob of a failed tool upload: {}", e.getClass().getSimpleName());
    }
  }

  static CipherSuite algorithm(String value) {
    if (value == null || value.isBlank()) {
      return CipherSuite.CHACHA20_POLY1305;
    }
    try {
      return CipherSuite.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new DomainException(
          ErrorCode.UNSUPPORTED_ALGORITHM,
          "The algorithm must be CHACHA20_POLY1305 or AES_256_GCM.");
    }
  }

  static KeyMode keyMode(String value) {
    if (value == null || value.isBlank()) {
      return KeyMode.PORTABLE;
    }
    try {
      return KeyMode.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw DomainException.invalidRequest("The keyMode must be PORTABLE or SERVER_BOUND.");
    }
  }

  private static void requireFieldsBeforeFile(FormFields before, FormFields all, String... names) {
    for (String name : names) {
      if (all.all(name).size() != before.all(name).size()) {
        throw DomainException.invalidRequest(
            "The fields algorithm and keyMode must come before the file part.");
      }
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
}
