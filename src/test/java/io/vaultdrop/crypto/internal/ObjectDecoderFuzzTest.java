package io.vaultdrop.crypto.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vaultdrop.crypto.CipherSuite;
import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.crypto.DecryptionFailedException;
import io.vaultdrop.crypto.ObjectHeader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Arbitrary bytes fed to the object decoder may only end in {@link DecryptionFailedException} or a
 * clean end of stream: any other exception, or a hang, is a bug. The first input byte picks the
 * mode: raw bytes, or bytes after a valid header and commitment for either suite, so the fuzzer
 * reaches Tink's and jagged's payload parsers. Runs its seed corpus in every {@code mvn test};
 * {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class ObjectDecoderFuzzTest {

  static final DataKey KEY = DataKey.fromSecretBytes(new byte[32]);
  static final byte[] AD = "fuzz".getBytes(StandardCharsets.US_ASCII);
  private static final StreamingObjectCipher CIPHER = new StreamingObjectCipher();
  private static final byte[] AES_PREFIX = validPrefix(CipherSuite.AES_256_GCM);
  private static final byte[] AGE_PREFIX = validPrefix(CipherSuite.CHACHA20_POLY1305);

  @FuzzTest(maxDuration = "30s")
  void decrypt_arbitraryBytes_failsOnlyWithTypedException(byte[] input) throws IOException {
    if (input.length == 0) {
      return;
    }
    byte[] rest = Arrays.copyOfRange(input, 1, input.length);
    byte[] ciphertext =
        switch (input[0] & 3) {
          case 1 -> Bytes.concat(AES_PREFIX, rest);
          case 2 -> Bytes.concat(AGE_PREFIX, rest);
          default -> rest;
        };
    try (InputStream in = CIPHER.decrypt(new ByteArrayInputStream(ciphertext), KEY, AD)) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (DecryptionFailedException expected) {
      // The only acceptable failure.
    }
  }

  private static byte[] validPrefix(CipherSuite suite) {
    byte[] header = HeaderCodec.encode(new ObjectHeader(1, suite, "fuzz"));
    String label =
        suite == CipherSuite.AES_256_GCM
            ? new AesGcmHkdfPayload().keyLabel()
            : new AgePayload().keyLabel();
    try (ObjectKeys keys = ObjectKeys.derive(KEY, 1, label)) {
      return Bytes.concat(header, KeyCommitment.compute(keys.commitmentKey(), header, AD));
    }
  }

  /** Tiny byte helper kept next to the fuzz test. */
  static final class Bytes {
    private Bytes() {}

    static byte[] concat(byte[] a, byte[] b) {
      byte[] both = Arrays.copyOf(a, a.length + b.length);
      System.arraycopy(b, 0, both, a.length, b.length);
      return both;
    }
  }
}
