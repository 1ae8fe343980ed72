package io.vaultdrop.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
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
 * The raw JCE cipher on the same 64 MiB as {@link ObjectCipherBenchmark}, no framing, one {@link
 * Cipher} reused throughout (as a stream does), a fresh nonce per call (the JDK refuses key and
 * nonce reuse).
 *
 * <p>{@code chunk}: bytes per AEAD call.
 *
 * <ul>
 *   <li>{@code 0}: one call over the whole 64 MiB (cannot stream: needs it all in memory);
 *   <li>{@code 65536}: one call per 64 KiB, each with its own nonce and tag, the least any
 *       segmented streaming AEAD must do.
 * </ul>
 *
 * <p>{@code io}: where the data comes from and goes to.
 *
 * <ul>
 *   <li>{@code memory}: the cipher's ceiling. Input and output are arrays already in memory, so the
 *       cipher reads its input straight from where it lies;
 *   <li>{@code stream}: the same I/O as the streaming benchmark. Decryption reads the ciphertext
 *       from an {@link InputStream}; encryption receives the plaintext in 64 KiB writes; the result
 *       goes to the same discarding sink. With {@code chunk = 0} the data is first gathered into a
 *       preallocated 64 MiB array, which is what a non-streaming implementation does.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 8, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgs = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class RawJceBenchmark {

  private static final int TAG = 16;

  @Param({"AES/GCM/NoPadding", "ChaCha20-Poly1305"})
  public String transformation;

  /** Bytes per AEAD call; 0 = the whole input in one call. */
  @Param({"0", "65536"})
  public int chunk;

  @Param({"memory", "stream"})
  public String io;

  private SecretKeySpec key;
  private Cipher cipher;
  private long counter;
  private byte[] plaintext;

  /** Ciphertext of each call, back to back, and the nonce of each call. */
  private byte[] ciphertext;

  private byte[][] nonces;

  /** Where {@code memory} writes, and where {@code stream} gathers with {@code chunk = 0}. */
  private byte[] output;

  private byte[] gathered;
  private byte[] inBuffer;
  private byte[] outBuffer;
  private final OutputStream sink = OutputStream.nullOutputStream();

  @Setup
  public void setUp() throws GeneralSecurityException {
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    key = new SecretKeySpec(raw, transformation.startsWith("AES") ? "AES" : "ChaCha20");
    cipher = Cipher.getInstance(transformation);
    plaintext = BenchmarkData.plaintext();
    int perCall = chunk == 0 ? plaintext.length : chunk;
    int calls = (plaintext.length + perCall - 1) / perCall;
    nonces = new byte[calls][];
    ciphertext = new byte[plaintext.length + TAG * calls];
    int written = 0;
    for (int i = 0; i < calls; i++) {
      int offset = i * perCall;
      nonces[i] = nextNonce();
      init(Cipher.ENCRYPT_MODE, nonces[i]);
      written +=
          cipher.doFinal(
              plaintext, offset, Math.min(perCall, plaintext.length - offset), ciphertext, written);
    }
    output = new byte[ciphertext.length];
    gathered = new byte[ciphertext.length];
    inBuffer = new byte[perCall + TAG];
    outBuffer = new byte[perCall + TAG];
  }

  @Benchmark
  public int encrypt() throws GeneralSecurityException, IOException {
    return "memory".equals(io) ? encryptInMemory() : encryptWrites();
  }

  @Benchmark
  public int decrypt() throws GeneralSecurityException, IOException {
    return "memory".equals(io) ? decryptInMemory() : decryptStream();
  }

  private int encryptInMemory() throws GeneralSecurityException {
    int perCall = chunk == 0 ? plaintext.length : chunk;
    int written = 0;
    for (int offset = 0; offset < plaintext.length; offset += perCall) {
      init(Cipher.ENCRYPT_MODE, nextNonce());
      written +=
          cipher.doFinal(
              plaintext, offset, Math.min(perCall, plaintext.length - offset), output, written);
    }
    return written;
  }

  /** The plaintext arrives as {@code ObjectCipherBenchmark} writes it: 64 KiB at a time. */
  private int encryptWrites() throws GeneralSecurityException, IOException {
    if (chunk == 0) {
      for (int offset = 0; offset < plaintext.length; offset += BenchmarkData.WRITE) {
        System.arraycopy(
            plaintext,
            offset,
            gathered,
            offset,
            Math.min(BenchmarkData.WRITE, plaintext.length - offset));
      }
      init(Cipher.ENCRYPT_MODE, nextNonce());
      int written = cipher.doFinal(gathered, 0, plaintext.length, output, 0);
      sink.write(output, 0, written);
      return written;
    }
    int written = 0;
    for (int offset = 0; offset < plaintext.length; offset += chunk) {
      init(Cipher.ENCRYPT_MODE, nextNonce());
      int length =
          cipher.doFinal(
              plaintext, offset, Math.min(chunk, plaintext.length - offset), outBuffer, 0);
      sink.write(outBuffer, 0, length);
      written += length;
    }
    return written;
  }

  private int decryptInMemory() throws GeneralSecurityException {
    int written = 0;
    int offset = 0;
    for (byte[] nonce : nonces) {
      int length = Math.min(perCallCiphertext(), ciphertext.length - offset);
      init(Cipher.DECRYPT_MODE, nonce);
      written += cipher.doFinal(ciphertext, offset, length, output, written);
      offset += length;
    }
    return written;
  }

  /** The ciphertext is read from a stream, as {@code ObjectCipherBenchmark} reads it. */
  private int decryptStream() throws GeneralSecurityException, IOException {
    InputStream in = new ByteArrayInputStream(ciphertext);
    if (chunk == 0) {
      int length = in.readNBytes(gathered, 0, gathered.length);
      init(Cipher.DECRYPT_MODE, nonces[0]);
      int written = cipher.doFinal(gathered, 0, length, output, 0);
      sink.write(output, 0, written);
      return written;
    }
    int written = 0;
    for (byte[] nonce : nonces) {
      int length = in.readNBytes(inBuffer, 0, perCallCiphertext());
      init(Cipher.DECRYPT_MODE, nonce);
      int plain = cipher.doFinal(inBuffer, 0, length, outBuffer, 0);
      sink.write(outBuffer, 0, plain);
      written += plain;
    }
    return written;
  }

  private int perCallCiphertext() {
    return (chunk == 0 ? plaintext.length : chunk) + TAG;
  }

  private void init(int mode, byte[] nonce) throws GeneralSecurityException {
    if (transformation.startsWith("AES")) {
      cipher.init(mode, key, new GCMParameterSpec(128, nonce));
    } else {
      cipher.init(mode, key, new IvParameterSpec(nonce));
    }
  }

  private byte[] nextNonce() {
    return ByteBuffer.allocate(12).putLong(4, ++counter).array();
  }
}
