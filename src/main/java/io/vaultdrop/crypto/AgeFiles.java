package io.vaultdrop.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Plain age v1 files (binary, not armored) for X25519 recipients, readable by {@code age -d -i
 * key.txt file} and any other age implementation; streams in constant memory.
 */
public interface AgeFiles {

  /**
   * Writes the age header to {@code sink} and returns a stream that encrypts what is written to it
   * for {@code recipient}. Closing the returned stream writes the final chunk and closes {@code
   * sink}.
   *
   * @param recipient an {@code age1…} X25519 recipient
   * @throws IllegalArgumentException for an invalid recipient
   */
  OutputStream encrypt(OutputStream sink, String recipient) throws IOException;

  /**
   * Reads the age header from {@code ageFile} and returns a stream of the plaintext. Reads throw
   * {@link DecryptionFailedException} when no stanza matches the identity, the header MAC fails, a
   * chunk fails, the final chunk is missing or doubled, or bytes follow it; no plaintext of a
   * failing chunk is returned. Closing it closes {@code ageFile}.
   *
   * @throws DecryptionFailedException no stanza opens with {@code identity}, or a bad header
   */
  InputStream decrypt(InputStream ageFile, AgeIdentity identity) throws IOException;
}
