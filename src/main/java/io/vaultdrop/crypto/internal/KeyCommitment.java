package io.vaultdrop.crypto.internal;

import io.vaultdrop.crypto.DecryptionFailedException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key commitment stored after the header: {@code HMAC-SHA-256(commitment key, header ‖
 * associated data)}. HMAC-SHA-256 is collision resistant, so no second key yields the same tag: a
 * wrong key (or other associated data, or a changed header) fails here, before any payload is
 * decrypted. This closes the invisible-salamander and partitioning-oracle attacks on GCM and
 * ChaCha20-Poly1305, which are not key-committing.
 */
final class KeyCommitment {

  static final int LENGTH = 32;

  private KeyCommitment() {}

  static byte[] compute(byte[] commitmentKey, byte[] header, byte[] associatedData) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(commitmentKey, "HmacSHA256"));
      mac.update(header);
      mac.update(associatedData);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
    }
  }

  static void verify(byte[] commitmentKey, byte[] header, byte[] associatedData, byte[] stored)
      throws DecryptionFailedException {
    byte[] expected = compute(commitmentKey, header, associatedData);
    if (!MessageDigest.isEqual(expected, stored)) {
      throw new DecryptionFailedException(
          "key commitment mismatch: wrong key, other associated data, or modified header");
    }
  }
}
