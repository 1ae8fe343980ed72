package io.vaultdrop.crypto.internal;

import com.google.crypto.tink.subtle.Hkdf;
import io.vaultdrop.crypto.DataKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * Subkeys of one object's data key, separated by HKDF-SHA-256 labels (empty salt, 32 bytes each):
 * the commitment key and the payload key (for AES it feeds Tink's own HKDF, for age it is the
 * X25519 identity). The DEK itself is never used directly.
 */
final class ObjectKeys implements AutoCloseable {

  private static final String HMAC_SHA256 = "HMACSHA256";

  private final byte[] commitmentKey;
  private final byte[] payloadKey;

  private ObjectKeys(byte[] commitmentKey, byte[] payloadKey) {
    this.commitmentKey = commitmentKey;
    this.payloadKey = payloadKey;
  }

  static ObjectKeys derive(DataKey key, int version, String payloadLabel) {
    byte[] dek = key.exportSecretBytes();
    try {
      return new ObjectKeys(
          hkdf(dek, "vaultdrop object v" + version + " commitment"),
          hkdf(dek, "vaultdrop object v" + version + " " + payloadLabel));
    } finally {
      Arrays.fill(dek, (byte) 0);
    }
  }

  byte[] commitmentKey() {
    return commitmentKey;
  }

  byte[] payloadKey() {
    return payloadKey;
  }

  @Override
  public void close() {
    Arrays.fill(commitmentKey, (byte) 0);
    Arrays.fill(payloadKey, (byte) 0);
  }

  private static byte[] hkdf(byte[] dek, String label) {
    try {
      return Hkdf.computeHkdf(
          HMAC_SHA256, dek, new byte[0], label.getBytes(StandardCharsets.US_ASCII), 32);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HKDF-SHA-256 unavailable", e);
    }
  }
}
