package io.vaultdrop.objects;

import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.storage.BlobId;
import java.io.IOException;
import java.io.InputStream;

/**
 * A published object opened for reading; counted as a reader (so a delete waits for it) until
 * {@link #close()}. Take either {@link #ciphertext()} or {@link #decrypt}, once.
 */
public interface OpenedObject extends AutoCloseable {

  BlobId id();

  /** The stored bytes as they are (for content that is handed out encrypted). */
  InputStream ciphertext();

  /**
   * Reads the header and checks the key commitment now, then returns the plaintext stream (see
   * {@link io.vaultdrop.crypto.ObjectCipher#decrypt}).
   *
   * @throws io.vaultdrop.crypto.DecryptionFailedException wrong key or associated data, or a
   *     damaged object
   * @throws StorageUnavailableException the blob store failed while reading the header
   */
  InputStream decrypt(DataKey key, byte[] associatedData) throws IOException;

  /**
   * Bytes read so far from the stream handed out (plaintext for {@link #decrypt}): zero tells a
   * transfer that never started (storage failed on the first segment) from one that did.
   */
  long bytesRead();

  /** Closes the stream and releases the reader (deleting the blob if it was the last one). */
  @Override
  void close();
}
