package io.vaultdrop.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/** Fixed-length secret bytes that can be wiped; the shared core of the key types. */
final class SecretBytes {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] bytes;
  private volatile boolean destroyed;

  private SecretBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  static SecretBytes random(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return new SecretBytes(bytes);
  }

  static SecretBytes copyOf(byte[] source, int expectedLength, String what) {
    Objects.requireNonNull(source, what);
    if (source.length != expectedLength) {
      throw new IllegalArgumentException(
          what + " must be exactly " + expectedLength + " bytes, got " + source.length);
    }
    return new SecretBytes(source.clone());
  }

  byte[] copy(String what) {
    byte[] copy = bytes.clone();
    if (destroyed) {
      Arrays.fill(copy, (byte) 0);
      throw new IllegalStateException(what + " has been destroyed");
    }
    return copy;
  }

  void destroy() {
    destroyed = true;
    Arrays.fill(bytes, (byte) 0);
  }

  boolean isDestroyed() {
    return destroyed;
  }
}
