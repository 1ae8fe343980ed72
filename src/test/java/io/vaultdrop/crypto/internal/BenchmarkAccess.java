package io.vaultdrop.crypto.internal;

import io.vaultdrop.crypto.ObjectCipher;

/** Test-only door for benchmarks and tests that live outside this package. */
public final class BenchmarkAccess {

  private BenchmarkAccess() {}

  /** The production object cipher as configured. */
  public static ObjectCipher objectCipher() {
    return new StreamingObjectCipher();
  }

  /** The production object cipher, with AES segments of {@code aesSegmentSize} bytes. */
  public static ObjectCipher objectCipher(int aesSegmentSize) {
    return new StreamingObjectCipher(new AesGcmHkdfPayload(aesSegmentSize));
  }
}
