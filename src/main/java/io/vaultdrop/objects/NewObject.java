package io.vaultdrop.objects;

import io.vaultdrop.crypto.CipherSuite;
import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.storage.BlobId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * An object being written. Use it in try-with-resources: closing it without {@link #publish}
 * discards the blob and the pending registration, whatever went wrong.
 *
 * <pre>{@code
 * try (NewObject object = objects.create("shares", limit)) {
 *   try (OutputStream out = object.encrypt(suite, key, keyId, associatedData)) {
 *     content.transferTo(out);
 *   }
 *   object.commit();
 *   object.publish(() -> repository.insert(row)); // one transaction: the object and its row
 * }
 * }</pre>
 *
 * <p>One thread at a time; one sink per object.
 */
public interface NewObject extends AutoCloseable {

  /** The blob id the object has from the start (bind it into associated data if needed). */
  BlobId id();

  /**
   * A sink that encrypts what is written to it under {@code key} with {@link
   * io.vaultdrop.crypto.ObjectCipher}; close it (or {@link #commit()}) to write the final segment.
   * The key may be destroyed once this returns.
   *
   * @throws ObjectTooLargeException (from a write) when more than the object's limit of plaintext
   *     bytes arrives
   */
  OutputStream encrypt(CipherSuite suite, DataKey key, String keyId, byte[] associatedData)
      throws IOException;

  /**
   * Encrypts all of {@code content} into the object ({@link #encrypt}) and commits it: the whole
   * write path of a file that needs no filter on the way.
   *
   * @return the plaintext bytes stored
   */
  default long store(
      InputStream content, CipherSuite suite, DataKey key, String keyId, byte[] associatedData)
      throws IOException {
    try (OutputStream out = encrypt(suite, key, keyId, associatedData)) {
      content.transferTo(out);
    }
    commit();
    return written();
  }

  /**
   * A sink for content that is already ciphertext (an age file, an uploaded {@code .enc}); the
   * limit counts these bytes.
   */
  OutputStream ciphertext() throws IOException;

  /** Bytes written into the sink so far (plaintext for {@link #encrypt}). */
  long written();

  /**
   * Closes the sink and makes the blob durable; the object stays pending (invisible to {@link
   * StoredObjects#open}) until {@link #publish}.
   *
   * @return the size of the stored blob in bytes
   */
  long commit() throws IOException;

  /**
   * Reads the committed, still unpublished blob back, for a check that must pass before the object
   * is published (a decryption check of an uploaded ciphertext). The caller closes the stream.
   *
   * @throws IllegalStateException before {@link #commit()}
   * @throws StorageUnavailableException the blob store failed
   */
  InputStream readCommitted() throws IOException;

  /**
   * In one transaction (joining the caller's, if any): marks the committed object published and
   * runs {@code rows}, the feature's inserts that name it. If {@code rows} throws, nothing is
   * published and closing this object discards it.
   *
   * @throws ObjectGoneException the pending object was swept meanwhile (older than the pending age)
   * @throws IllegalStateException before {@link #commit()} or when published already
   */
  void publish(Runnable rows);

  /** Discards the object unless it was published; never throws. */
  @Override
  void close();
}
