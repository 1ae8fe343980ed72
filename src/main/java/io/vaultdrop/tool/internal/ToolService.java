package io.vaultdrop.tool.internal;

import io.vaultdrop.config.VaultdropProperties;
import io.vaultdrop.crypto.AgeFiles;
import io.vaultdrop.crypto.AgeIdentity;
import io.vaultdrop.crypto.CipherSuite;
import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.crypto.DecryptionFailedException;
import io.vaultdrop.crypto.KeyUnwrapException;
import io.vaultdrop.crypto.MasterKeyRing;
import io.vaultdrop.crypto.ObjectCipher;
import io.vaultdrop.crypto.ObjectHeader;
import io.vaultdrop.crypto.WrappedKey;
import io.vaultdrop.ratelimit.RateLimitPolicy;
import io.vaultdrop.ratelimit.RateLimiter;
import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.storage.BlobWriter;
import io.vaultdrop.tool.internal.KeyFiles.InvalidKeyFileException;
import io.vaultdrop.tool.internal.KeyFiles.ParsedKey;
import io.vaultdrop.web.ApiException;
import io.vaultdrop.web.FormFields;
import io.vaultdrop.web.MultipartResult;
import io.vaultdrop.web.StreamingMultipart;
import jakarta.servlet.http.HttpServletRequest;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
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
  private static final byte[] AGE_MAGIC =
      "age-encryption.org/v1\n".getBytes(StandardCharsets.US_ASCII);
  private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int SWEEP_BATCH = 500;

  private final ToolJobRepository jobs;
  private final BlobStore blobs;
  private final ObjectCipher cipher;
  private final AgeFiles age;
  private final MasterKeyRing ring;
  private final KeyFiles keyFiles;
  private final StreamingMultipart multipart;
  private final RateLimiter rateLimiter;
  private final Clock clock;
  private final Duration retention;
  private final long maxUpload;

  ToolService(
      ToolJobRepository jobs,
      BlobStore blobs,
      ObjectCipher cipher,
      AgeFiles age,
      MasterKeyRing ring,
      KeyFiles keyFiles,
      StreamingMultipart multipart,
      RateLimiter rateLimiter,
      Clock clock,
      VaultdropProperties properties) {
    this.jobs = jobs;
    this.blobs = blobs;
    this.cipher = cipher;
    this.age = age;
    this.ring = ring;
    this.keyFiles = keyFiles;
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
   * @throws ApiException 400 {@code unsupported_algorithm}, 400 for a bad key mode or fields after
   *     the file, 413, 429
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
    String keyFile;
    BlobId blob;
    long size;
    try (BlobWriter writer = blobs.create()) {
      if (suite == CipherSuite.CHACHA20_POLY1305) {
        AgeIdentity identity = AgeIdentity.generate();
        try {
          keyFile = KeyFiles.ageKeyFile(identity, clock.instant());
          try (OutputStream out = age.encrypt(writer.stream(), identity.recipient())) {
            size = content.transferTo(out);
          }
        } finally {
          identity.destroy();
        }
      } else {
        String keyId = KeyFiles.newKeyId();
        try (DataKey key = DataKey.generate()) {
          keyFile = KeyFiles.aesKeyFile(key, keyId);
          try (OutputStream out =
              cipher.encrypt(writer.stream(), suite, key, keyId, KeyFiles.associatedData(keyId))) {
            size = content.transferTo(out);
          }
        }
      }
      writer.commit();
      blob = writer.id();
    }
    if (mode == KeyMode.SERVER_BOUND) {
      keyFile = keyFiles.serverBound(keyFile);
    }
    byte[] sealed = sealKey(id, keyFile);
    return new Encrypted(blob, displayName(fileName, "file"), suite, mode, size, sealed, before);
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
   * @throws ApiException 422 {@code decryption_failed}, 400, 413, 429
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
                  () -> ApiException.invalidRequest("The multipart body has no 'key' part."));
      Checked checked = check(blob, keyText);
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
      jobs.insert(job, sealKey(id, keyText));
      return job;
    } catch (IOException | RuntimeException e) {
      blobs.delete(blob);
      throw e;
    }
  }

  private record Stored(BlobId blob, String fileName) {}

  private record Checked(CipherSuite suite, KeyMode mode, long size) {}

  /** Decrypts the whole stored ciphertext into nothing: any failure is a 422. */
  private Checked check(BlobId blob, String keyText) throws IOException {
    ParsedKey key = parseKey(keyText);
    try {
      Opened opened = open(blob, key);
      try (InputStream plain = opened.plaintext()) {
        long size = plain.transferTo(OutputStream.nullOutputStream());
        return new Checked(opened.suite(), key.mode(), size);
      } catch (DecryptionFailedException e) {
        throw decryptionFailed("The file is damaged or was not encrypted with this key.");
      }
    } finally {
      key.destroy();
    }
  }

  private record Opened(CipherSuite suite, InputStream plaintext) {}

  /** Opens the plaintext of a stored ciphertext (age or Vaultdrop object) with the key. */
  private Opened open(BlobId blob, ParsedKey key) throws IOException {
    InputStream in = new BufferedInputStream(blobs.open(blob));
    try {
      in.mark(AGE_MAGIC.length);
      byte[] start = in.readNBytes(AGE_MAGIC.length);
      in.reset();
      if (Arrays.equals(start, AGE_MAGIC)) {
        if (key.age() == null) {
          throw decryptionFailed("The key is an AES key but the file is an age file.");
        }
        return new Opened(CipherSuite.CHACHA20_POLY1305, age.decrypt(in, key.age()));
      }
      ObjectHeader header = cipher.readHeader(in);
      if (key.aes() == null || !header.keyId().equals(key.keyId())) {
        throw decryptionFailed("The file was not encrypted with this key.");
      }
      return new Opened(
          header.suite(),
          cipher.decrypt(header, in, key.aes(), KeyFiles.associatedData(key.keyId())));
    } catch (DecryptionFailedException e) {
      in.close();
      throw decryptionFailed("The file is damaged or was not encrypted with this key.");
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  private ParsedKey parseKey(String keyText) {
    try {
      return keyFiles.parse(keyText);
    } catch (InvalidKeyFileException e) {
      throw decryptionFailed(e.getMessage());
    }
  }

  // ---------------------------------------------------------------- downloads

  /** A file to stream; {@code length} may be {@code -1} (unknown). */
  public record Download(String fileName, long length, DownloadBody body) {}

  /** Writes a download and records it (so the job may be deleted) once fully written. */
  @FunctionalInterface
  public interface DownloadBody {
    void writeTo(OutputStream out) throws IOException;
  }

  public Optional<ToolJob> find(String ownerId, String id, JobKind kind) {
    if (id == null || !JOB_ID.matcher(id).matches()) {
      return Optional.empty();
    }
    return jobs.find(ownerId, id, kind, clock.instant());
  }

  private ToolJob require(String ownerId, String id, JobKind kind) {
    return find(ownerId, id, kind).orElseThrow(ApiException::notFound);
  }

  /** The {@code name.enc} of an encryption job. */
  public Download encFile(String ownerId, String id) {
    ToolJob job = require(ownerId, id, JobKind.ENCRYPT);
    return new Download(
        job.encFileName(),
        job.encryptedSize(),
        out -> {
          try (InputStream in = blobs.open(job.blobId())) {
            in.transferTo(out);
          }
          out.flush();
          jobs.markEncDownloaded(job.id());
          deleteIfComplete(job);
        });
  }

  /** The {@code name.key} of an encryption job. */
  public Download keyFile(String ownerId, String id) {
    ToolJob job = require(ownerId, id, JobKind.ENCRYPT);
    byte[] key = keyBytes(job);
    return new Download(
        job.keyFileName(),
        key.length,
        out -> {
          try {
            out.write(key);
          } finally {
            Arrays.fill(key, (byte) 0);
          }
          out.flush();
          jobs.markKeyDownloaded(job.id());
          deleteIfComplete(job);
        });
  }

  /** Both files of an encryption job in one zip (counts as both downloads). */
  public Download zip(String ownerId, String id) {
    ToolJob job = require(ownerId, id, JobKind.ENCRYPT);
    byte[] key = keyBytes(job);
    return new Download(
        job.zipFileName(),
        -1,
        out -> {
          try {
            ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
            // The .enc is incompressible ciphertext: deflate at level 0 costs nothing.
            zip.setMethod(ZipOutputStream.DEFLATED);
            zip.setLevel(Deflater.NO_COMPRESSION);
            zip.putNextEntry(new ZipEntry(job.encFileName()));
            try (InputStream in = blobs.open(job.blobId())) {
              in.transferTo(zip);
            }
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(job.keyFileName()));
            zip.write(key);
            zip.closeEntry();
            zip.finish();
          } finally {
            Arrays.fill(key, (byte) 0);
          }
          out.flush();
          jobs.markEncDownloaded(job.id());
          jobs.markKeyDownloaded(job.id());
          deleteIfComplete(job);
        });
  }

  /** The key file's text for the result page (QR code, e-mail); does not count as a download. */
  public String keyText(ToolJob job) {
    byte[] key = keyBytes(job);
    try {
      return new String(key, StandardCharsets.UTF_8);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * The original file of a decryption job, decrypted while streaming, served once: the download is
   * claimed before the first byte (a second request gets 404) and the job is deleted after. An
   * aborted transfer keeps its claim; the retention sweep removes the job.
   */
  public Download original(String ownerId, String id) {
    ToolJob job = require(ownerId, id, JobKind.DECRYPT);
    if (!jobs.claimOriginal(ownerId, id)) {
      throw ApiException.notFound();
    }
    return new Download(
        job.name(),
        job.size(),
        out -> {
          byte[] keyText = keyBytes(job);
          ParsedKey key;
          try {
            key = parseKey(new String(keyText, StandardCharsets.UTF_8));
          } finally {
            Arrays.fill(keyText, (byte) 0);
          }
          try (InputStream plain = open(job.blobId(), key).plaintext()) {
            plain.transferTo(out);
          } finally {
            key.destroy();
          }
          out.flush();
          if (jobs.delete(job.id())) {
            blobs.delete(job.blobId());
          }
        });
  }

  private byte[] keyBytes(ToolJob job) {
    byte[] sealed = jobs.sealedKey(job.id()).orElseThrow(ApiException::notFound);
    try {
      return ring.open(WrappedKey.fromBytes(sealed), keyContext(job.id()));
    } catch (KeyUnwrapException e) {
      throw new IllegalStateException("the sealed key of a tool job does not open", e);
    }
  }

  private void deleteIfComplete(ToolJob job) throws IOException {
    if (jobs.deleteIfComplete(job.id())) {
      blobs.delete(job.blobId());
    }
  }

  // ---------------------------------------------------------------- lists, deletion, retention

  /** The owner's live jobs, newest first. */
  public List<ToolJob> jobsOf(String ownerId) {
    return jobs.live(ownerId, clock.instant());
  }

  /** Deletes one of the owner's jobs; 404 if it is not theirs or gone. */
  public void delete(String ownerId, String id) throws IOException {
    if (id == null || !JOB_ID.matcher(id).matches()) {
      throw ApiException.notFound();
    }
    ToolJob job =
        jobs.ofOwner(ownerId).stream()
            .filter(j -> j.id().equals(id))
            .findFirst()
            .orElseThrow(ApiException::notFound);
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

  private byte[] sealKey(String jobId, String keyFile) {
    byte[] bytes = keyFile.getBytes(StandardCharsets.UTF_8);
    try {
      return ring.seal(bytes, keyContext(jobId)).toBytes();
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  private static byte[] keyContext(String jobId) {
    return ("tool-job:" + jobId + ":key").getBytes(StandardCharsets.US_ASCII);
  }

  static CipherSuite algorithm(String value) {
    if (value == null || value.isBlank()) {
      return CipherSuite.CHACHA20_POLY1305;
    }
    try {
      return CipherSuite.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST,
          "unsupported_algorithm",
          "Unsupported algorithm",
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
      throw ApiException.invalidRequest("The keyMode must be PORTABLE or SERVER_BOUND.");
    }
  }

  private static void requireFieldsBeforeFile(FormFields before, FormFields all, String... names) {
    for (String name : names) {
      if (all.all(name).size() != before.all(name).size()) {
        throw ApiException.invalidRequest(
            "The fields algorithm and keyMode must come before the file part.");
      }
    }
  }

  static ApiException decryptionFailed(String detail) {
    return new ApiException(
        HttpStatus.UNPROCESSABLE_CONTENT, "decryption_failed", "Decryption failed", detail);
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
