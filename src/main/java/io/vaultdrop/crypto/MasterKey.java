package io.vaultdrop.crypto;

import com.google.crypto.tink.subtle.Hkdf;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.security.auth.Destroyable;

/**
 * A 32-byte key-encryption key (KEK) that wraps data keys and seals small secrets.
 *
 * <p>Its {@link #keyId()} is a public fingerprint: the first 8 bytes of HKDF-SHA-256 over the key
 * with the label {@code "vaultdrop master key id v1"}, as 16 lower-case hex digits. The id is
 * stored next to everything the key wraps, so rotation works by look-up. A secret type: {@link
 * #toString()} shows only the id.
 */
public final class MasterKey implements Destroyable {

  /** Length of a master key in bytes. */
  public static final int LENGTH = 32;

  /** Length of the raw key id in bytes (the hex form has twice as many characters). */
  public static final int KEY_ID_LENGTH = 8;

  private static final byte[] KEY_ID_LABEL =
      "vaultdrop master key id v1".getBytes(StandardCharsets.US_ASCII);

  private final SecretBytes secret;
  private final String keyId;

  private MasterKey(SecretBytes secret) {
    this.secret = secret;
    byte[] bytes = secret.copy("master key");
    try {
      byte[] id = Hkdf.computeHkdf("HMACSHA256", bytes, new byte[0], KEY_ID_LABEL, KEY_ID_LENGTH);
      this.keyId = HexFormat.of().formatHex(id);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HKDF-SHA-256 unavailable", e);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** A fresh key from {@link java.security.SecureRandom}. */
  public static MasterKey generate() {
    return new MasterKey(SecretBytes.random(LENGTH));
  }

  /**
   * A key holding a copy of {@code bytes}.
   *
   * @throws IllegalArgumentException unless exactly {@value #LENGTH} bytes
   */
  public static MasterKey fromSecretBytes(byte[] bytes) {
    return new MasterKey(SecretBytes.copyOf(bytes, LENGTH, "master key"));
  }

  /** The public fingerprint naming this key, 16 hex digits. */
  public String keyId() {
    return keyId;
  }

  /** A copy of the raw key bytes, for storing a generated key; wipe it when done. */
  public byte[] exportSecretBytes() {
    return secret.copy("master key");
  }

  @Override
  public void destroy() {
    secret.destroy();
  }

  @Override
  public boolean isDestroyed() {
    return secret.isDestroyed();
  }

  @Override
  public String toString() {
    return "MasterKey[id=" + keyId + "]";
  }
}
