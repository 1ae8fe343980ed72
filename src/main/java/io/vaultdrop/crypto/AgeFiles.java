package io.vaultdrop.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * age v1 files for X25519 recipients, readable by {@code age -d -i key.txt file} and any other age
 * implementation; streams in constant memory. Files are written binary; ASCII-armored files ({@code
 * age -a}, PEM {@code -----BEGIN AGE ENCRYPTED FILE-----}) are read too, and a binary file can be
 * armored on the way out.
 */
public interface AgeFiles {

  /** First bytes of an ASCII-armored age file. */
  String ARMOR_HEADER = "-----BEGIN AGE ENCRYPTED FILE-----";

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
   * Reads the age header from {@code ageFile} (binary, or armored when it starts with {@link
   * #ARMOR_HEADER}) and returns a stream of the plaintext, opened by whichever of {@code
   * identities} a stanza was written for. Reads throw {@link DecryptionFailedException} when no
   * stanza matches an identity, the header MAC fails, a chunk fails, the final chunk is missing or
   * doubled, bytes follow it, or the armor is malformed; no plaintext of a failing chunk is
   * returned. Closing it closes {@code ageFile}.
   *
   * @throws DecryptionFailedException no stanza opens with an identity, or a bad header
   */
  InputStream decrypt(InputStream ageFile, List<AgeIdentity> identities) throws IOException;

  /** {@link #decrypt(InputStream, List)} with one identity. */
  default InputStream decrypt(InputStream ageFile, AgeIdentity identity) throws IOException {
    return decrypt(ageFile, List.of(identity));
  }

  /**
   * Returns a stream that writes the binary age file written to it into {@code sink} as age's ASCII
   * armor (PEM with the {@code AGE ENCRYPTED FILE} label, 64 columns, LF), which {@code age -d}
   * reads like the binary file. Closing it writes the footer and closes {@code sink}.
   */
  OutputStream armor(OutputStream sink) throws IOException;

  /** Length of the armor {@link #armor} writes around a binary age file of {@code length} bytes. */
  static long armoredLength(long length) {
    long base64 = (length + 2) / 3 * 4;
    long lines = Math.max(1, (base64 + 63) / 64);
    // header line, the Base64 lines each ending in LF, footer line ending in LF
    return ARMOR_HEADER.length()
        + 1
        + base64
        + lines
        + "-----END AGE ENCRYPTED FILE-----\n".length();
  }
}
