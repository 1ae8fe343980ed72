package io.vaultdrop.benchmarks;

import java.util.SplittableRandom;

/** Shared benchmark sizes and data. */
final class BenchmarkData {

  /** Object size per operation: 64 MiB, in memory. */
  static final int SIZE = 64 << 20;

  /** Buffer an application would use to copy streams (servlet-like). */
  static final int IO_BUFFER = 64 << 10;

  private BenchmarkData() {}

  static byte[] plaintext() {
    byte[] bytes = new byte[SIZE];
    new SplittableRandom(1).nextBytes(bytes);
    return bytes;
  }
}
