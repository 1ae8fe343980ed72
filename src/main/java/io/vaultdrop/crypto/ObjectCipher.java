package io.vaultdrop.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Encrypts and decrypts Vaultdrop's stored objects as streams in constant memory, whatever their
 * size (format: {@code docs/object-format.md}).
 *
 * <p>Every object has a fresh {@link DataKey}. The {@code associatedData} (for example the object
 * id) is authenticated but not stored: decrypting with other associated data fails, so a blob moved
 * under another record does not open. A key commitment is checked before any plaintext is released,
 * so a wrong key fails up front. Implementations are thread-safe; the streams they return are not.
 */
public interface ObjectCipher {

  /**
   * Writes the header and key commitment to {@code ciphertextSink} and returns a stream that
   * encrypts what is written to it. Closing the returned stream writes the final segment and closes
   * {@code ciphertextSink}; without close the object is incomplete and will not decrypt. The key
   * may be destroyed once this method returns.
   *
   * @param keyId names the key that protects {@code key}; see {@link ObjectHeader#keyId()}
   * @throws IllegalArgumentException for an invalid key id
   */
  OutputStream encrypt(
      OutputStream ciphertextSink,
      CipherSuite suite,
      DataKey key,
      String keyId,
      byte[] associatedData)
      throws IOException;

  /**
   * Reads only the header from the start of {@code ciphertext}, leaving the stream positioned at
   * the key commitment, ready for {@link #decrypt(ObjectHeader, InputStream, DataKey, byte[])}.
   *
   * @throws DecryptionFailedException not a Vaultdrop object, unknown version or suite
   */
  ObjectHeader readHeader(InputStream ciphertext) throws IOException;

  /**
   * Continues after {@link #readHeader}: checks the key commitment, then returns a stream of the
   * plaintext. Reads from it throw {@link DecryptionFailedException} for a bad segment, a
   * truncation or appended bytes, and never return plaintext of a segment that did not
   * authenticate; a stream that failed once keeps failing. End of stream is only reported after the
   * authenticated final segment. Closing it closes {@code ciphertextAfterHeader}.
   *
   * @throws DecryptionFailedException wrong key, other associated data, or a modified header
   */
  InputStream decrypt(
      ObjectHeader header, InputStream ciphertextAfterHeader, DataKey key, byte[] associatedData)
      throws IOException;

  /** {@link #readHeader} then {@link #decrypt(ObjectHeader, InputStream, DataKey, byte[])}. */
  default InputStream decrypt(InputStream ciphertext, DataKey key, byte[] associatedData)
      throws IOException {
    return decrypt(readHeader(ciphertext), ciphertext, key, associatedData);
  }
}
