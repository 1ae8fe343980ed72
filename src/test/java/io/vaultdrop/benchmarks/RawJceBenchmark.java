package io.vaultdrop.benchmarks;

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
 * The ceiling, two ways, into preallocated arrays with no streaming and no framing:
 *
 * <ul>
 *   <li>{@code chunk = 0}: one JCE AEAD call over the whole 64 MiB;
 *   <li>{@code chunk = 65536}: one call per 64 KiB (each with its own nonce and tag), the least any
 *       segmented streaming AEAD must do, since one call cannot stream in constant memory.
 * </ul>
 *
 * A fresh nonce per call, as the JDK refuses key and nonce reuse.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 8, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgs = {"-Xms1g", "-Xmx1g"})
public class RawJceBenchmark {

  @Param({"AES/GCM/NoPadding", "ChaCha20-Poly1305"})
  public String transformation;

  /** Bytes per AEAD call; 0 = the whole input in one call. */
  @Param({"0", "65536"})
  public int chunk;

  private SecretKeySpec key;
  private byte[] plaintext;
  private byte[] ciphertext;
  private byte[] ciphertextNonce;
  private byte[] output;
  private long counter;
  private byte[][] chunkNonces;
  private byte[] chunkedCiphertext;
  private byte[] chunkedOutput;

  @Setup
  public void setUp() throws GeneralSecurityException {
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    key = new SecretKeySpec(raw, transformation.startsWith("AES") ? "AES" : "ChaCha20");
    plaintext = BenchmarkData.plaintext();
    output = new byte[plaintext.length + 16];
    ciphertextNonce = nextNonce();
    Cipher cipher = init(Cipher.ENCRYPT_MODE, ciphertextNonce);
    ciphertext = cipher.doFinal(plaintext);
    if (chunk > 0) {
      int chunks = (plaintext.length + chunk - 1) / chunk;
      chunkNonces = new byte[chunks][];
      chunkedCiphertext = new byte[plaintext.length + 16 * chunks];
      chunkedOutput = new byte[chunkedCiphertext.length];
      int written = 0;
      for (int i = 0; i < chunks; i++) {
        int offset = i * chunk;
        chunkNonces[i] = nextNonce();
        written +=
            init(Cipher.ENCRYPT_MODE, chunkNonces[i])
                .doFinal(
                    plaintext,
                    offset,
                    Math.min(chunk, plaintext.length - offset),
                    chunkedCiphertext,
                    written);
      }
    }
  }

  @Benchmark
  public int encrypt() throws GeneralSecurityException {
    if (chunk == 0) {
      return init(Cipher.ENCRYPT_MODE, nextNonce())
          .doFinal(plaintext, 0, plaintext.length, output, 0);
    }
    int written = 0;
    for (int offset = 0; offset < plaintext.length; offset += chunk) {
      int length = Math.min(chunk, plaintext.length - offset);
      written +=
          init(Cipher.ENCRYPT_MODE, nextNonce())
              .doFinal(plaintext, offset, length, chunkedOutput, written);
    }
    return written;
  }

  @Benchmark
  public int decrypt() throws GeneralSecurityException {
    if (chunk == 0) {
      return init(Cipher.DECRYPT_MODE, ciphertextNonce)
          .doFinal(ciphertext, 0, ciphertext.length, output, 0);
    }
    int written = 0;
    int offset = 0;
    for (int i = 0; i < chunkNonces.length; i++) {
      int length = Math.min(chunk + 16, chunkedCiphertext.length - offset);
      written +=
          init(Cipher.DECRYPT_MODE, chunkNonces[i])
              .doFinal(chunkedCiphertext, offset, length, output, written);
      offset += length;
    }
    return written;
  }

  private Cipher init(int mode, byte[] nonce) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance(transformation);
    if (transformation.startsWith("AES")) {
      cipher.init(mode, key, new GCMParameterSpec(128, nonce));
    } else {
      cipher.init(mode, key, new IvParameterSpec(nonce));
    }
    return cipher;
  }

  private byte[] nextNonce() {
    return ByteBuffer.allocate(12).putLong(4, ++counter).array();
  }
}
