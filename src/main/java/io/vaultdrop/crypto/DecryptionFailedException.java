package io.vaultdrop.crypto;

import java.io.IOException;

/**
 * Ciphertext could not be authenticated or decoded: wrong key, wrong associated data, tampered,
 * truncated, extended or not a Vaultdrop object at all. No plaintext of the failing segment has
 * been released. The message names the failing check and never contains key material or plaintext.
 */
public final class DecryptionFailedException extends IOException {

  private static final long serialVersionUID = 1L;

  public DecryptionFailedException(String message) {
    super(message);
  }

  public DecryptionFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
