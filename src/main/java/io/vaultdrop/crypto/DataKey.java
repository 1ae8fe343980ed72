package io.vaultdrop.crypto;

import javax.security.auth.Destroyable;

/**
 * A random 32-byte data-encryption key (DEK) protecting exactly one object.
 *
 * <p>A secret type: {@link #toString()} never shows the bytes, the raw bytes are reachable only
 * through {@link #exportSecretBytes()} (for wrapping), and {@link #destroy()} (or {@link #close()}
 * in try-with-resources) wipes them. Every operation on a destroyed key throws {@link
 * IllegalStateException}.
 */
public final class DataKey implements Destroyable, AutoCloseable {

  /** Length of a data key in bytes. */
  public static final int LENGTH = 32;

  private final SecretBytes secret;

  private DataKey(SecretBytes secret) {
    this.secret = secret;
  }

  /** A fresh key from {@link java.security.SecureRandom}. */
  public static DataKey generate() {
    return new DataKey(SecretBytes.random(LENGTH));
  }

  /**
   * A key holding a copy of {@code bytes} (for example just unwrapped). The caller should wipe its
   * own array.
   *
   * @throws IllegalArgumentException unless exactly {@value #LENGTH} bytes
   */
  public static DataKey fromSecretBytes(byte[] bytes) {
    return new DataKey(SecretBytes.copyOf(bytes, LENGTH, "data key"));
  }

  /**
   * A copy of the raw key bytes. Only for key wrapping and the cipher implementations; the caller
   * must wipe the copy when done.
   */
  public byte[] exportSecretBytes() {
    return secret.copy("data key");
  }

  /** Wipes the key bytes. */
  @Override
  public void destroy() {
    secret.destroy();
  }

  @Override
  public boolean isDestroyed() {
    return secret.isDestroyed();
  }

  /** Same as {@link #destroy()}, for try-with-resources. */
  @Override
  public void close() {
    destroy();
  }

  @Override
  public String toString() {
    return "DataKey[secret]";
  }
}
