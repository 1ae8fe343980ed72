package io.vaultdrop.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * No cryptography: only reading 64 MiB from an {@link InputStream} into a 64 KiB buffer, as every
 * decrypting stream in {@link ObjectCipherBenchmark} must before its cipher sees the data. The
 * floor under a single-threaded streaming decrypt is this plus the cipher's own time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgs = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class SourceReadBenchmark {

  private byte[] source;
  private final byte[] buffer = new byte[BenchmarkData.WRITE];

  @Setup
  public void setUp() {
    source = BenchmarkData.plaintext();
  }

  @Benchmark
  public long read() throws IOException {
    long total = 0;
    try (InputStream in = new ByteArrayInputStream(source)) {
      int read;
      while ((read = in.read(buffer)) != -1) {
        total += read;
      }
    }
    return total;
  }
}
