package io.vaultdrop.benchmarks;

import java.util.SplittableRandom;

/** Shared benchmark sizes and data. */
final class BenchmarkData {

  /** Object size per operation: 64 MiB, in memory. */
  static final int SIZE = 64 << 20;

  /**
   * Application buffer of the streaming side: 64 KiB, as downloads ({@code objects.ReadAheadCopy})
   * and Tomcat's response buffer use. The raw baseline with stream I/O receives its data in writes
   * of this size too.
   */
  static final int WRITE = 64 << 10;

  private BenchmarkData() {}

  static byte[] plaintext() {
    byte[] bytes = new byte[SIZE];
    new SplittableRandom(1).nextBytes(bytes);
    return bytes;
  }
}
