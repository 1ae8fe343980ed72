package io.vaultdrop.crypto;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The clear-text header at the start of every Vaultdrop object: which payload suite it uses and
 * which key protects its data key. Read it with {@link ObjectCipher#readHeader} to choose the key
 * before decrypting. See {@code docs/object-format.md}.
 *
 * @param version format version (currently always 1)
 * @param suite payload encryption
 * @param keyId names the key that protects the object's data key: 1 to 64 characters of {@code
 *     [A-Za-z0-9._:-]}; public, never secret
 */
public record ObjectHeader(int version, CipherSuite suite, String keyId) {

  /** The format version this code writes. */
  public static final int CURRENT_VERSION = 1;

  /** Longest key id in characters (stored as ASCII). */
  public static final int MAX_KEY_ID_LENGTH = 64;

  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  public ObjectHeader {
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(keyId, "keyId");
    if (!isValidKeyId(keyId)) {
      throw new IllegalArgumentException(
          "key id must be 1 to " + MAX_KEY_ID_LENGTH + " characters of [A-Za-z0-9._:-]");
    }
  }

  /** Whether {@code keyId} may be stored in a header. */
  public static boolean isValidKeyId(String keyId) {
    return keyId != null && KEY_ID.matcher(keyId).matches();
  }
}
