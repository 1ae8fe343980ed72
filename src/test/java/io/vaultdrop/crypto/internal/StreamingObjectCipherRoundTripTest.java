package io.vaultdrop.crypto.internal;

import static io.vaultdrop.crypto.internal.ObjectFixtures.HEADER_LENGTH;
import static io.vaultdrop.crypto.internal.ObjectFixtures.KEY_ID;
import static io.vaultdrop.crypto.internal.ObjectFixtures.OBJECT_ID;
import static io.vaultdrop.crypto.internal.ObjectFixtures.decrypting;
import static io.vaultdrop.crypto.internal.ObjectFixtures.encrypt;
import static io.vaultdrop.crypto.internal.ObjectFixtures.plaintext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultdrop.crypto.CipherSuite;
import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.crypto.ObjectHeader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class StreamingObjectCipherRoundTripTest {

  private static final int SEGMENT = AesGcmHkdfPayload.SEGMENT_SIZE;
  private static final int AES_FIRST = SEGMENT - AesGcmHkdfPayload.TINK_HEADER_LENGTH - 16;
  private static final int AES_LATER = SEGMENT - 16;
  private static final int AGE = ObjectLayout.AGE_CHUNK;

  private final StreamingObjectCipher cipher = new StreamingObjectCipher();
  private final DataKey key = DataKey.generate();

  static Stream<Arguments> sizes() {
    return Stream.of(
        Arguments.of(CipherSuite.AES_256_GCM, 0),
        Arguments.of(CipherSuite.AES_256_GCM, 1),
        Arguments.of(CipherSuite.AES_256_GCM, AES_FIRST - 1),
        Arguments.of(CipherSuite.AES_256_GCM, AES_FIRST),
        Arguments.of(CipherSuite.AES_256_GCM, AES_FIRST + 1),
        Arguments.of(CipherSuite.AES_256_GCM, AES_FIRST + AES_LATER - 1),
        Arguments.of(CipherSuite.AES_256_GCM, AES_FIRST + AES_LATER),
        Arguments.of(CipherSuite.AES_256_GCM, AES_FIRST + AES_LATER + 1),
        Arguments.of(CipherSuite.AES_256_GCM, 3 * SEGMENT + 12_345),
        Arguments.of(CipherSuite.CHACHA20_POLY1305, 0),
        Arguments.of(CipherSuite.CHACHA20_POLY1305, 1),
        Arguments.of(CipherSuite.CHACHA20_POLY1305, AGE - 1),
        Arguments.of(CipherSuite.CHACHA20_POLY1305, AGE),
        Arguments.of(CipherSuite.CHACHA20_POLY1305, AGE + 1),
        Arguments.of(CipherSuite.CHACHA20_POLY1305, 2 * AGE),
        Arguments.of(CipherSuite.CHACHA20_POLY1305, 5 * AGE + 777));
  }

  @ParameterizedTest(name = "{0} {1} bytes")
  @MethodSource("sizes")
  void decrypt_ofEncrypted_returnsPlaintext(CipherSuite suite, int size) throws Exception {
    byte[] plaintext = plaintext(size);
    byte[] ciphertext = encrypt(cipher, suite, key, OBJECT_ID, plaintext);

    Drained drained = Drained.from(() -> decrypting(cipher, ciphertext, key, OBJECT_ID));

    assertThat(drained.failure()).isNull();
    assertThat(drained.released()).isEqualTo(plaintext);
  }

  @ParameterizedTest
  @EnumSource(CipherSuite.class)
  void readHeader_ofEncrypted_returnsSuiteAndKeyIdAndLeavesStreamAtCommitment(CipherSuite suite)
      throws Exception {
    byte[] plaintext = plaintext(1000);
    byte[] ciphertext = encrypt(cipher, suite, key, OBJECT_ID, plaintext);
    InputStream in = new ByteArrayInputStream(ciphertext);

    ObjectHeader header = cipher.readHeader(in);

    assertThat(header).isEqualTo(new ObjectHeader(1, suite, KEY_ID));
    assertThat(in.available()).isEqualTo(ciphertext.length - HEADER_LENGTH);
    assertThat(cipher.decrypt(header, in, key, OBJECT_ID).readAllBytes()).isEqualTo(plaintext);
  }

  @ParameterizedTest
  @EnumSource(CipherSuite.class)
  void encrypt_samePlaintextTwice_givesDifferentCiphertext(CipherSuite suite) throws Exception {
    byte[] plaintext = plaintext(100_000);

    byte[] first = encrypt(cipher, suite, key, OBJECT_ID, plaintext);
    byte[] second = encrypt(cipher, suite, key, OBJECT_ID, plaintext);

    int payload = HEADER_LENGTH + KeyCommitment.LENGTH;
    assertThat(Arrays.copyOfRange(first, payload, first.length))
        .isNotEqualTo(Arrays.copyOfRange(second, payload, second.length));
    // Tink's random salt and nonce prefix, or age's ephemeral share, differ from the first byte.
    assertThat(Arrays.copyOfRange(first, payload, payload + 40))
        .isNotEqualTo(Arrays.copyOfRange(second, payload, payload + 40));
  }

  @Test
  void encrypt_aesNoncePrefixes_neverRepeatOver10000Objects() throws Exception {
    var seen = new java.util.HashSet<String>();
    int offset = HEADER_LENGTH + KeyCommitment.LENGTH + 1;
    for (int i = 0; i < 10_000; i++) {
      byte[] ciphertext = encrypt(cipher, CipherSuite.AES_256_GCM, key, OBJECT_ID, new byte[0]);
      seen.add(java.util.HexFormat.of().formatHex(ciphertext, offset, offset + 39));
    }
    assertThat(seen).hasSize(10_000);
  }

  @Test
  void encrypt_invalidKeyId_isRejectedBeforeWriting() {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();

    assertThatThrownBy(
            () ->
                cipher.encrypt(sink, CipherSuite.AES_256_GCM, key, "key id with spaces", OBJECT_ID))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(sink.size()).isZero();
  }

  @Test
  void encrypt_destroyedKey_failsClearly() {
    key.destroy();

    assertThatThrownBy(
            () ->
                cipher.encrypt(
                    new ByteArrayOutputStream(), CipherSuite.AES_256_GCM, key, KEY_ID, OBJECT_ID))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("data key has been destroyed");
  }

  @ParameterizedTest
  @EnumSource(CipherSuite.class)
  void decrypt_readingOneByteAtATime_returnsPlaintext(CipherSuite suite) throws Exception {
    byte[] plaintext = plaintext(AGE + 3);
    byte[] ciphertext = encrypt(cipher, suite, key, OBJECT_ID, plaintext);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    try (InputStream in = decrypting(cipher, ciphertext, key, OBJECT_ID)) {
      int b;
      while ((b = in.read()) != -1) {
        out.write(b);
      }
    }

    assertThat(out.toByteArray()).isEqualTo(plaintext);
  }
}
