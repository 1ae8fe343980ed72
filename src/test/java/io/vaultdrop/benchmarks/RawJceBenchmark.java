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
 * The ceiling: one JCE AEAD call over the same 64 MiB into a preallocated array (no streaming, no
 * framing). A fresh nonce per call, as the JDK refuses key and nonce reuse.
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

  private SecretKeySpec key;
  private byte[] plaintext;
  private byte[] ciphertext;
  private byte[] ciphertextNonce;
  private byte[] output;
  private long counter;

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
  }

  @Benchmark
  public int encrypt() throws GeneralSecurityException {
    return init(Cipher.ENCRYPT_MODE, nextNonce())
        .doFinal(plaintext, 0, plaintext.length, output, 0);
  }

  @Benchmark
  public int decrypt() throws GeneralSecurityException {
    return init(Cipher.DECRYPT_MODE, ciphertextNonce)
        .doFinal(ciphertext, 0, ciphertext.length, output, 0);
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
