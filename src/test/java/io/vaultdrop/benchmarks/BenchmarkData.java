package io.vaultdrop.benchmarks;

import java.util.SplittableRandom;

/** Shared benchmark sizes and data. */
final class BenchmarkData {

  /** Object size per operation: 64 MiB, in memory. */
  static final int SIZE = 64 << 20;

  private BenchmarkData() {}

  static byte[] plaintext() {
    byte[] bytes = new byte[SIZE];
    new SplittableRandom(1).nextBytes(bytes);
    return bytes;
  }
}
