package io.vaultdrop.library.internal;

import io.vaultdrop.config.VaultdropProperties;
import io.vaultdrop.crypto.CipherSuite;
import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.crypto.KeyUnwrapException;
import io.vaultdrop.crypto.MasterKeyRing;
import io.vaultdrop.crypto.WrappedKey;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.library.internal.ooxml.OfficeKind;
import io.vaultdrop.library.internal.ooxml.OoxmlValidator;
import io.vaultdrop.library.internal.ooxml.RejectedPackageException;
import io.vaultdrop.objects.NewObject;
import io.vaultdrop.objects.ObjectGoneException;
import io.vaultdrop.objects.OpenedObject;
import io.vaultdrop.objects.StoredObjects;
import io.vaultdrop.storage.BlobId;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.springframework.stereotype.Component;

/**
 * Encrypted document content on the stored-object lifecycle ({@code docs/objects.md}): checks an
 * upload while it is encrypted into a new pending object (one pass, constant memory, no temporary
 * file) and opens a published revision.
 *
 * <p>Every document revision has a fresh data key, wrapped by the master key ring with the context
 * {@code "library:" + documentId}; the content is an AES-256-GCM streaming object (key id {@code
 * "library:" + master key id}) whose associated data is {@code "library:" + documentId + ":" +
 * blobId}, so neither a key nor a blob moved under another document opens. The object is pending
 * until its document row is written in the same transaction ({@link Stored#publish}); whatever
 * fails before that, closing it discards it, and a crash leaves a pending object the object sweeper
 * removes.
 */
@Component
class DocumentStore {

  static final String FEATURE = "library";

  private final StoredObjects objects;
  private final MasterKeyRing ring;
  private final OoxmlValidator validator;
  private final long maxBytes;

  DocumentStore(
      StoredObjects objects,
      MasterKeyRing ring,
      LibraryProperties properties,
      VaultdropProperties vaultdrop) {
    this.objects = objects;
    this.ring = ring;
    this.validator = new OoxmlValidator(properties.ooxmlPolicy());
    this.maxBytes = vaultdrop.maxUploadSize().toBytes();
  }

  /**
   * A checked and stored revision, still a pending object: {@link #publish} makes it a document
   * revision together with its row; closing it without that discards it.
   */
  static final class Stored implements AutoCloseable {
    private final NewObject object;
    private final byte[] wrappedKey;
    private final long size;

    private Stored(NewObject object, byte[] wrappedKey, long size) {
      this.object = object;
      this.wrappedKey = wrappedKey;
      this.size = size;
    }

    BlobId blob() {
      return object.id();
    }

    byte[] wrappedKey() {
      return wrappedKey.clone();
    }

    /** The plaintext size (the document's size). */
    long size() {
      return size;
    }

    /** Publishes the object and runs {@code rows} in one transaction (joining the caller's). */
    void publish(Runnable rows) {
      object.publish(rows);
    }

    @Override
    public void close() {
      object.close();
    }

    @Override
    public String toString() {
      return "Stored[" + object.id() + "]";
    }
  }

  /**
   * Streams {@code content} through the OOXML validator into a new encrypted pending object. On any
   * failure nothing is left behind.
   *
   * @throws DomainException 415 {@code unsupported_file_type} with the validator's reason
   * @throws io.vaultdrop.objects.ObjectTooLargeException beyond {@code VAULTDROP_MAX_UPLOAD_SIZE}
   */
  Stored store(String documentId, InputStream content, OfficeKind kind) throws IOException {
    NewObject object = objects.create(FEATURE, maxBytes);
    try (DataKey key = DataKey.generate()) {
      WrappedKey wrapped = ring.wrap(key, keyContext(documentId));
      OutputStream encrypting =
          object.encrypt(
              CipherSuite.AES_256_GCM,
              key,
              "library:" + wrapped.keyId(),
              associatedData(documentId, object.id()));
      long size;
      try {
        size = validator.validate(content, encrypting, kind);
      } catch (RejectedPackageException e) {
        throw unsupportedFileType(e.reason());
      }
      object.commit();
      return new Stored(object, wrapped.toBytes(), size);
    } catch (IOException | RuntimeException e) {
      object.close();
      throw e;
    }
  }

  /**
   * The plaintext of a document revision, its header and key commitment already checked. The object
   * counts as read until the stream is closed, so a replacement or removal meanwhile deletes the
   * blob only after that; the caller closes it.
   *
   * @throws DomainException 404 when the revision is no longer published (replaced or removed)
   * @throws io.vaultdrop.objects.StorageUnavailableException the blob store failed (503)
   */
  InputStream open(LibraryDocument document, byte[] wrappedKey) throws IOException {
    DataKey key;
    try {
      key = ring.unwrap(WrappedKey.fromBytes(wrappedKey), keyContext(document.id()));
    } catch (KeyUnwrapException e) {
      throw new IllegalStateException("the key of a library document does not unwrap", e);
    }
    try (key) {
      OpenedObject opened;
      try {
        opened = objects.open(document.blobId());
      } catch (ObjectGoneException e) {
        throw DomainException.notFound();
      }
      try {
        return new Reading(
            opened.decrypt(key, associatedData(document.id(), document.blobId())), opened);
      } catch (IOException | RuntimeException e) {
        opened.close();
        throw e;
      }
    }
  }

  /** The plaintext stream of an opened object; closing it releases the reader. */
  private static final class Reading extends FilterInputStream {
    private final OpenedObject opened;

    Reading(InputStream plaintext, OpenedObject opened) {
      super(plaintext);
      this.opened = opened;
    }

    @Override
    public void close() {
      opened.close();
    }
  }

  /**
   * 415 {@code unsupported_file_type} for {@code reason}: a message key, then its arguments, each
   * after a {@code '|'} (as the package validator's reasons are written).
   */
  static DomainException unsupportedFileType(String reason) {
    String[] parts = reason.split("\\|");
    return new DomainException(
        ErrorCode.UNSUPPORTED_FILE_TYPE,
        parts[0],
        (Object[]) Arrays.copyOfRange(parts, 1, parts.length));
  }

  private static byte[] keyContext(String documentId) {
    return ("library:" + documentId).getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] associatedData(String documentId, BlobId blob) {
    return ("library:" + documentId + ":" + blob.value()).getBytes(StandardCharsets.US_ASCII);
  }
}
