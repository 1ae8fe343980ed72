package io.vaultdrop.tool.internal;

import io.vaultdrop.crypto.AgeFiles;
import io.vaultdrop.crypto.CipherSuite;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.objects.ObjectGoneException;
import io.vaultdrop.objects.OpenedObject;
import io.vaultdrop.objects.ReadAheadCopy;
import io.vaultdrop.objects.StoredObjects;
import io.vaultdrop.tool.internal.KeyFiles.ParsedKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.stereotype.Service;
import org.springframework.util.StreamUtils;

/**
 * The files a job hands out: an encryption job's {@code name.enc}, {@code name.key} (or both as a
 * zip), a decryption job's original. The job's object is opened before the response starts (a job
 * deleted meanwhile is a 404), and each download is recorded only once it was fully written; the
 * job is deleted as soon as nothing is left to fetch, and its blob once no download reads it.
 */
@Service
public final class ToolDownloads {

  private final ToolService tool;
  private final ToolJobRepository jobs;
  private final StoredObjects objects;
  private final ToolCiphertexts ciphertexts;
  private final SealedKeys sealedKeys;
  private final AgeFiles age;

  ToolDownloads(
      ToolService tool,
      ToolJobRepository jobs,
      StoredObjects objects,
      ToolCiphertexts ciphertexts,
      SealedKeys sealedKeys,
      AgeFiles age) {
    this.age = age;
    this.tool = tool;
    this.jobs = jobs;
    this.objects = objects;
    this.ciphertexts = ciphertexts;
    this.sealedKeys = sealedKeys;
  }

  /**
   * A file to stream; {@code length} may be {@code -1} (unknown); {@code zip}: the body is a zip
   * archive (served as {@code application/zip}), else opaque bytes.
   */
  public record Download(String fileName, long length, boolean zip, DownloadBody body) {

    Download(String fileName, long length, DownloadBody body) {
      this(fileName, length, false, body);
    }
  }

  /** Writes a download and records it (so the job may be deleted) once fully written. */
  @FunctionalInterface
  public interface DownloadBody {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * The {@code name.enc} of an encryption job; {@code armored}: as age's ASCII armor (PEM text, for
   * channels that mangle binary), only for a ChaCha20-Poly1305 job, whose {@code .enc} is an age
   * file. Either form counts as the {@code .enc} download.
   */
  public Download encFile(String ownerId, String id, boolean armored) throws IOException {
    ToolJob job = require(ownerId, id, JobKind.ENCRYPT);
    if (armored && job.algorithm() != CipherSuite.CHACHA20_POLY1305) {
      throw new DomainException(ErrorCode.INVALID_REQUEST, "problem.tool.armor-age-only");
    }
    OpenedObject stored = open(job);
    return new Download(
        job.encFileName(),
        armored ? AgeFiles.armoredLength(job.encryptedSize()) : job.encryptedSize(),
        out -> {
          try (stored) {
            if (armored) {
              OutputStream armor = age.armor(StreamUtils.nonClosing(out));
              stored.ciphertext().transferTo(armor);
              armor.close();
            } else {
              stored.ciphertext().transferTo(out);
            }
          }
          out.flush();
          jobs.markEncDownloaded(job.id());
          deleteIfComplete(job);
        });
  }

  /** The {@code name.key} of an encryption job. */
  public Download keyFile(String ownerId, String id) {
    ToolJob job = require(ownerId, id, JobKind.ENCRYPT);
    byte[] key = sealedKeys.open(job);
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
  public Download zip(String ownerId, String id) throws IOException {
    ToolJob job = require(ownerId, id, JobKind.ENCRYPT);
    byte[] key = sealedKeys.open(job);
    OpenedObject stored;
    try {
      stored = open(job);
    } catch (IOException | RuntimeException e) {
      Arrays.fill(key, (byte) 0);
      throw e;
    }
    return new Download(
        job.zipFileName(),
        -1,
        true,
        out -> {
          try (stored) {
            ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
            // The .enc is incompressible ciphertext: deflate at level 0 costs nothing.
            zip.setMethod(ZipOutputStream.DEFLATED);
            zip.setLevel(Deflater.NO_COMPRESSION);
            zip.putNextEntry(new ZipEntry(job.encFileName()));
            stored.ciphertext().transferTo(zip);
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
    byte[] key = sealedKeys.open(job);
    try {
      return new String(key, StandardCharsets.UTF_8);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * The original file of a decryption job, decrypted while streaming, served once: the download is
   * claimed before the first byte (a second request gets 404) and the job is deleted after. A
   * transfer that failed before it read a byte gives the claim back; one aborted later keeps it,
   * and the retention sweep removes the job.
   */
  public Download original(String ownerId, String id) throws IOException {
    ToolJob job = require(ownerId, id, JobKind.DECRYPT);
    OpenedObject stored = open(job);
    if (!jobs.claimOriginal(ownerId, id)) {
      stored.close();
      throw DomainException.notFound();
    }
    return new Download(
        job.name(),
        job.size(),
        out -> {
          try (stored) {
            byte[] keyText = sealedKeys.open(job);
            ParsedKey key;
            try {
              key = ciphertexts.parseKey(new String(keyText, StandardCharsets.UTF_8));
            } finally {
              Arrays.fill(keyText, (byte) 0);
            }
            try (InputStream plain = ciphertexts.open(stored.ciphertext(), key).plaintext()) {
              ReadAheadCopy.copy(plain, out);
            } finally {
              key.destroy();
            }
          } catch (IOException | RuntimeException e) {
            if (stored.bytesRead() == 0) {
              // Nothing was read, so nothing was sent: the one download is not used up.
              jobs.releaseOriginal(job.id());
            }
            throw e;
          }
          out.flush();
          jobs.delete(job.id(), job.blobId());
        });
  }

  private ToolJob require(String ownerId, String id, JobKind kind) {
    return tool.find(ownerId, id, kind).orElseThrow(DomainException::notFound);
  }

  /** Opens the job's object (counted as a reader until closed); 404 once it is deleted. */
  private OpenedObject open(ToolJob job) throws IOException {
    try {
      return objects.open(job.blobId());
    } catch (ObjectGoneException e) {
      throw DomainException.notFound();
    }
  }

  private void deleteIfComplete(ToolJob job) {
    jobs.deleteIfComplete(job.id(), job.blobId());
  }
}
