package io.vaultdrop.benchmarks;

import io.vaultdrop.crypto.CipherSuite;
import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.crypto.ObjectCipher;
import io.vaultdrop.crypto.internal.BenchmarkAccess;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encrypt and decrypt throughput of 64 MiB objects through the streaming API, in memory, with a 64
 * KiB application buffer. Compare with {@link RawJceBenchmark} and {@link SourceReadBenchmark} from
 * the same run.
 *
 * <p>Run both with JDK 25 (the toolchain is selected in the validate phase, so keep {@code
 * test-compile} in the command; without it exec falls back to the default JDK 17):
 *
 * <pre>{@code
 * ./mvnw -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:exec -Dexec.executable=java \
 *   -Dexec.classpathScope=test \
 *   "-Dexec.args=-cp %classpath org.openjdk.jmh.Main io.vaultdrop.benchmarks"
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 8, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgs = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class ObjectCipherBenchmark {

  @Param({"AES_256_GCM", "CHACHA20_POLY1305"})
  public CipherSuite suite;

  /** AES ciphertext segment size (ignored by the age payload's fixed 64 KiB chunks). */
  @Param({"65536"})
  public int segmentSize;

  private ObjectCipher cipher;
  private DataKey key;
  private byte[] plaintext;
  private byte[] ciphertext;

  /** Application buffer for reads and writes; see {@link BenchmarkData#WRITE}. */
  @Param({"65536"})
  public int ioBuffer;

  private byte[] buffer;
  private final byte[] ad = "file:benchmark".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  @Setup
  public void setUp() throws IOException {
    cipher = BenchmarkAccess.objectCipher(segmentSize);
    buffer = new byte[ioBuffer];
    key = DataKey.generate();
    plaintext = BenchmarkData.plaintext();
    ByteArrayOutputStream sink = new ByteArrayOutputStream(BenchmarkData.SIZE + (1 << 20));
    try (OutputStream out = cipher.encrypt(sink, suite, key, "bench", ad)) {
      write(out);
    }
    ciphertext = sink.toByteArray();
  }

  @Benchmark
  public long encrypt() throws IOException {
    CountingSink sink = new CountingSink();
    try (OutputStream out = cipher.encrypt(sink, suite, key, "bench", ad)) {
      write(out);
    }
    return sink.count;
  }

  @Benchmark
  public long decrypt() throws IOException {
    long total = 0;
    try (InputStream in = cipher.decrypt(new ByteArrayInputStream(ciphertext), key, ad)) {
      int read;
      while ((read = in.read(buffer)) != -1) {
        total += read;
      }
    }
    return total;
  }

  private void write(OutputStream out) throws IOException {
    for (int offset = 0; offset < plaintext.length; offset += buffer.length) {
      out.write(plaintext, offset, Math.min(buffer.length, plaintext.length - offset));
    }
  }

  /** Discards ciphertext, as a network or disk sink would take it away. */
  private static final class CountingSink extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
