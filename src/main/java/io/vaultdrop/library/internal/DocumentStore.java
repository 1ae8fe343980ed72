package io.vaultdrop.library.internal;

import io.vaultdrop.crypto.CipherSuite;
import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.crypto.KeyUnwrapException;
import io.vaultdrop.crypto.MasterKeyRing;
import io.vaultdrop.crypto.ObjectCipher;
import io.vaultdrop.crypto.WrappedKey;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.library.internal.ooxml.OfficeKind;
import io.vaultdrop.library.internal.ooxml.OoxmlValidator;
import io.vaultdrop.library.internal.ooxml.RejectedPackageException;
import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.storage.BlobWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Encrypted document content: checks an upload while it is encrypted into a new blob (one pass,
 * constant memory, no temporary file), opens a stored revision, and reclaims blobs no document
 * names any more.
 *
 * <p>Every document revision has a fresh data key, wrapped by the master key ring with the context
 * {@code "library:" + documentId}; the content is an AES-256-GCM streaming object whose associated
 * data is {@code "library:" + documentId + ":" + blobId}, so neither a key nor a blob moved under
 * another document opens. A blob is recorded in {@code library_pending_blobs} before its first byte
 * is written, so a crash at any point leaves nothing the sweeper cannot find.
 */
@Component
class DocumentStore {

  private static final Logger log = LoggerFactory.getLogger(DocumentStore.class);
  private static final int SWEEP_BATCH = 200;

  private final LibraryRepository repository;
  private final BlobStore blobs;
  private final ObjectCipher cipher;
  private final MasterKeyRing ring;
  private final OoxmlValidator validator;
  private final Clock clock;

  DocumentStore(
      LibraryRepository repository,
      BlobStore blobs,
      ObjectCipher cipher,
      MasterKeyRing ring,
      LibraryProperties properties,
      Clock clock) {
    this.repository = repository;
    this.blobs = blobs;
    this.cipher = cipher;
    this.ring = ring;
    this.validator = new OoxmlValidator(properties.ooxmlPolicy());
    this.clock = clock;
  }

  /** A checked and stored revision, named only by {@code library_pending_blobs} so far. */
  record Stored(BlobId blob, byte[] wrappedKey, long size) {}

  /**
   * Streams {@code content} through the OOXML validator into a new encrypted blob. On any failure
   * nothing is left behind.
   *
   * @throws DomainException 415 {@code unsupported_file_type} with the validator's reason
   */
  Stored store(String documentId, InputStream content, OfficeKind kind) throws IOException {
    BlobId blob = BlobId.random();
    repository.insertPending(blob, clock.instant());
    try (DataKey key = DataKey.generate();
        BlobWriter writer = blobs.create(blob)) {
      WrappedKey wrapped = ring.wrap(key, keyContext(documentId));
      OutputStream encrypting =
          cipher.encrypt(
              writer.stream(),
              CipherSuite.AES_256_GCM,
              key,
              "library:" + wrapped.keyId(),
              associatedData(documentId, blob));
      long size;
      try {
        size = validator.validate(content, encrypting, kind);
      } catch (RejectedPackageException e) {
        throw unsupportedFileType(e.reason());
      }
      encrypting.close();
      writer.commit();
      return new Stored(blob, wrapped.toBytes(), size);
    } catch (IOException | RuntimeException e) {
      reclaim(blob);
      throw e;
    }
  }

  /** The plaintext of a document revision; the caller closes it. */
  InputStream open(LibraryDocument document, byte[] wrappedKey) throws IOException {
    DataKey key;
    try {
      key = ring.unwrap(WrappedKey.fromBytes(wrappedKey), keyContext(document.id()));
    } catch (KeyUnwrapException e) {
      throw new IllegalStateException("the key of a library document does not unwrap", e);
    }
    InputStream ciphertext = blobs.open(document.blobId());
    try (key) {
      return cipher.decrypt(ciphertext, key, associatedData(document.id(), document.blobId()));
    } catch (IOException | RuntimeException e) {
      ciphertext.close();
      throw e;
    }
  }

  /**
   * Deletes a blob no document names, then forgets it (blob first: a failure leaves the row for the
   * sweeper).
   *
   * @return whether both went
   */
  boolean reclaim(BlobId blob) {
    try {
      blobs.delete(blob);
      repository.deletePending(blob);
      return true;
    } catch (IOException | RuntimeException e) {
      log.warn("Could not delete an unused library blob yet: {}", e.getClass().getSimpleName());
      return false;
    }
  }

  /** Reclaims blobs pending since before {@code before} (crashed uploads, replaced revisions). */
  int sweep(Instant before) {
    int reclaimed = 0;
    boolean failed = false;
    List<BlobId> batch;
    do {
      batch = repository.pendingBefore(before, SWEEP_BATCH);
      for (BlobId blob : batch) {
        if (reclaim(blob)) {
          reclaimed++;
        } else {
          failed = true;
        }
      }
    } while (batch.size() == SWEEP_BATCH && !failed);
    return reclaimed;
  }

  static DomainException unsupportedFileType(String reason) {
    return new DomainException(ErrorCode.UNSUPPORTED_FILE_TYPE, reason);
  }

  private static byte[] keyContext(String documentId) {
    return ("library:" + documentId).getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] associatedData(String documentId, BlobId blob) {
    return ("library:" + documentId + ":" + blob.value()).getBytes(StandardCharsets.US_ASCII);
  }
}
