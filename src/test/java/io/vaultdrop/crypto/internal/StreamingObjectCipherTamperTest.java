package io.vaultdrop.crypto.internal;

import static io.vaultdrop.crypto.internal.ObjectFixtures.HEADER_LENGTH;
import static io.vaultdrop.crypto.internal.ObjectFixtures.OBJECT_ID;
import static io.vaultdrop.crypto.internal.ObjectFixtures.decrypting;
import static io.vaultdrop.crypto.internal.ObjectFixtures.encrypt;
import static io.vaultdrop.crypto.internal.ObjectFixtures.plaintext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultdrop.crypto.CipherSuite;
import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.crypto.DecryptionFailedException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tink's {@code testModifiedCiphertext} cases against the whole object format: every change fails
 * with {@link DecryptionFailedException} and releases no plaintext of the damaged segment.
 */
class StreamingObjectCipherTamperTest {

  private final StreamingObjectCipher cipher = new StreamingObjectCipher();
  private final DataKey key = DataKey.generate();
  private byte[] plaintext;

  @BeforeEach
  void setUp() {
    plaintext = null;
  }

  private byte[] encryptFourSegments(CipherSuite suite) throws Exception {
    int size =
        suite == CipherSuite.AES_256_GCM
            ? 3 * AesGcmHkdfPayload.SEGMENT_SIZE + 1000
            : 3 * ObjectLayout.AGE_CHUNK + 1000;
    plaintext = plaintext(size);
    return encrypt(cipher, suite, key, OBJECT_ID, plaintext);
  }

  /**
   * Reads with a small odd buffer and with one spanning several segments (a read that has copied
   * out a good segment and then meets the bad one): both must fail without releasing its bytes.
   */
  private void assertFailsReleasingAtMost(byte[] modified, long releasable, String what) {
    for (int bufferSize : new int[] {8191, 2 * AesGcmHkdfPayload.SEGMENT_SIZE + 3}) {
      assertFailsReleasingAtMost(
          modified, releasable, bufferSize, what + ", reads of " + bufferSize);
    }
  }

  private void assertFailsReleasingAtMost(
      byte[] modified, long releasable, int bufferSize, String what) {
    Drained drained = Drained.from(() -> decrypting(cipher, modified, key, OBJECT_ID), bufferSize);
    assertThat(drained.failure()).as(what).isInstanceOf(DecryptionFailedException.class);
    assertThat((long) drained.released().length)
        .as(what + ": bytes released")
        .isLessThanOrEqualTo(releasable);
    assertThat(drained.released())
        .as(what + ": released bytes are a plaintext prefix")
        .isEqualTo(Arrays.copyOf(plaintext, drained.released().length));
  }

  @ParameterizedTest
  @EnumSource(CipherSuite.class)
  void decrypt_truncatedAtOrBetweenSegmentBoundaries_fails(CipherSuite suite) throws Exception {
    byte[] ciphertext = encryptFourSegments(suite);
    ObjectLayout layout = ObjectLayout.of(suite, ciphertext, HEADER_LENGTH);
    assertThat(layout.segmentStarts()).hasSize(4);
    TreeSet<Integer> cuts = new TreeSet<>();
    for (int cut : new int[] {0, 1, HEADER_LENGTH, HEADER_LENGTH + 16, layout.payloadStart()}) {
      cuts.add(cut);
    }
    for (int start : layout.segmentStarts()) {
      cuts.addAll(Arrays.asList(start - 1, start, start + 1, start + 17));
    }
    for (int i = 0; i < 4; i++) {
      cuts.add((layout.segmentStarts().get(i) + layout.segmentEnd(i, ciphertext.length)) / 2);
    }
    cuts.addAll(
        Arrays.asList(ciphertext.length - 17, ciphertext.length - 16, ciphertext.length - 1));

    for (int cut : cuts) {
      byte[] truncated = Arrays.copyOf(ciphertext, cut);
      assertFailsReleasingAtMost(
          truncated, layout.releasableBefore(layout.segmentOf(cut - 1)), "truncated at " + cut);
    }
  }

  @ParameterizedTest
  @EnumSource(CipherSuite.class)
  void decrypt_withAppendedBytes_fails(CipherSuite suite) throws Exception {
    byte[] ciphertext = encryptFourSegments(suite);
    ObjectLayout layout = ObjectLayout.of(suite, ciphertext, HEADER_LENGTH);
    long beforeLast = layout.releasableBefore(3);

    for (int extra : new int[] {1, 16, 17, 70_000}) {
      byte[] longer = Arrays.copyOf(ciphertext, ciphertext.length + extra);
      assertFailsReleasingAtMost(longer, beforeLast, extra + " zero bytes appended");
    }
    byte[] copiedSegment =
        concat(
            ciphertext,
            Arrays.copyOfRange(ciphertext, layout.segmentStarts().get(3), ciphertext.length));
    assertFailsReleasingAtMost(copiedSegment, beforeLast, "final segment appended again");
  }

  @ParameterizedTest
  @EnumSource(CipherSuite.class)
  void decrypt_reorderedDuplicatedOrDeletedSegments_fails(CipherSuite suite) throws Exception {
    byte[] ciphertext = encryptFourSegments(suite);
    ObjectLayout layout = ObjectLayout.of(suite, ciphertext, HEADER_LENGTH);
    byte[] prefix = Arrays.copyOf(ciphertext, layout.segmentStarts().get(1));
    byte[] s1 = segment(ciphertext, layout, 1);
    byte[] s2 = segment(ciphertext, layout, 2);
    byte[] s3 = segment(ciphertext, layout, 3);

    assertFailsReleasingAtMost(
        concat(prefix, s2, s1, s3), layout.releasableBefore(1), "swapped 1 and 2");
    assertFailsReleasingAtMost(
        concat(prefix, s1, s1, s2, s3), layout.releasableBefore(2), "duplicated 1");
    assertFailsReleasingAtMost(concat(prefix, s2, s3), layout.releasableBefore(1), "deleted 1");
    assertFailsReleasingAtMost(concat(prefix, s1, s2), layout.releasableBefore(2), "deleted final");
    assertFailsReleasingAtMost(concat(prefix, s3), layout.releasableBefore(1), "final moved up");
  }

  @ParameterizedTest
  @EnumSource(CipherSuite.class)
  void decrypt_oneFlippedBitInAnyRegion_fails(CipherSuite suite) throws Exception {
    byte[] ciphertext = encryptFourSegments(suite);
    ObjectLayout layout = ObjectLayout.of(suite, ciphertext, HEADER_LENGTH);
    TreeSet<Integer> positions = new TreeSet<>();
    int firstSegment = layout.segmentStarts().getFirst();
    // Every byte of: header, commitment, Tink header or age header and nonce.
    for (int i = 0; i < firstSegment; i++) {
      positions.add(i);
    }
    for (int i = 0; i < 4; i++) {
      int start = layout.segmentStarts().get(i);
      int end = layout.segmentEnd(i, ciphertext.length);
      positions.addAll(
          Arrays.asList(start, start + 1, (start + end) / 2, end - 17, end - 16, end - 1));
    }

    for (int position : positions) {
      for (int bit : new int[] {0, 7}) {
        byte[] flipped = ciphertext.clone();
        flipped[position] ^= (byte) (1 << bit);
        assertFailsReleasingAtMost(
            flipped,
            layout.releasableBefore(layout.segmentOf(position)),
            "bit " + bit + " of byte " + position);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(CipherSuite.class)
  void decrypt_wrongKey_failsBeforeReturningAStream(CipherSuite suite) throws Exception {
    byte[] ciphertext = encryptFourSegments(suite);

    assertThatThrownBy(() -> decrypting(cipher, ciphertext, DataKey.generate(), OBJECT_ID))
        .isInstanceOf(DecryptionFailedException.class)
        .hasMessageContaining("key commitment mismatch");
  }

  @ParameterizedTest
  @EnumSource(CipherSuite.class)
  void decrypt_otherAssociatedData_failsBeforeReturningAStream(CipherSuite suite) throws Exception {
    byte[] ciphertext = encryptFourSegments(suite);

    for (String other : new String[] {"file:7f3b", "file:7f3", "", "file:7f3a\0"}) {
      assertThatThrownBy(
              () -> decrypting(cipher, ciphertext, key, other.getBytes(StandardCharsets.UTF_8)))
          .as(other)
          .isInstanceOf(DecryptionFailedException.class)
          .hasMessageContaining("key commitment mismatch");
    }
  }

  @ParameterizedTest
  @EnumSource(CipherSuite.class)
  void decrypt_unknownVersionOrSuiteOrBadMagic_failsWithReason(CipherSuite suite) throws Exception {
    byte[] ciphertext = encryptFourSegments(suite);

    assertHeaderFailure(ciphertext, 4, (byte) 2, "unsupported object format version 2");
    assertHeaderFailure(ciphertext, 4, (byte) 0, "unsupported object format version 0");
    assertHeaderFailure(ciphertext, 5, (byte) 3, "unknown cipher suite 3");
    assertHeaderFailure(ciphertext, 5, (byte) 0, "unknown cipher suite 0");
    assertHeaderFailure(ciphertext, 0, (byte) 'X', "bad magic");
    assertHeaderFailure(ciphertext, 6, (byte) 0, "invalid key id length 0");
    assertHeaderFailure(ciphertext, 6, (byte) 65, "invalid key id length 65");
    assertHeaderFailure(ciphertext, 7, (byte) ' ', "invalid key id characters");
  }

  @ParameterizedTest
  @EnumSource(CipherSuite.class)
  void decrypt_suiteByteSwappedToTheOtherSuite_failsCommitment(CipherSuite suite) throws Exception {
    byte[] ciphertext = encryptFourSegments(suite);
    CipherSuite other =
        suite == CipherSuite.AES_256_GCM ? CipherSuite.CHACHA20_POLY1305 : CipherSuite.AES_256_GCM;

    assertHeaderFailure(ciphertext, 5, (byte) other.id(), "key commitment mismatch");
  }

  @ParameterizedTest
  @EnumSource(CipherSuite.class)
  void decryptionFailure_messageNeverContainsKeyMaterial(CipherSuite suite) throws Exception {
    byte[] ciphertext = encryptFourSegments(suite);
    ciphertext[ciphertext.length - 1] ^= 1;
    byte[] finalCiphertext = ciphertext;
    Drained drained = Drained.from(() -> decrypting(cipher, finalCiphertext, key, OBJECT_ID));
    String hexKey = HexFormat.of().formatHex(key.exportSecretBytes());

    Throwable failure = drained.failure();
    assertThat(failure).isInstanceOf(DecryptionFailedException.class);
    for (Throwable t = failure; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContainIgnoringCase(hexKey);
    }
    assertThat(key.toString()).doesNotContainIgnoringCase(hexKey);
  }

  @ParameterizedTest
  @EnumSource(CipherSuite.class)
  void read_afterAFailure_keepsFailing(CipherSuite suite) throws Exception {
    byte[] ciphertext = encryptFourSegments(suite);
    ObjectLayout layout = ObjectLayout.of(suite, ciphertext, HEADER_LENGTH);
    ciphertext[layout.segmentStarts().get(1) + 5] ^= 1;

    try (var in = decrypting(cipher, ciphertext, key, OBJECT_ID)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertThatThrownBy(() -> in.transferTo(out)).isInstanceOf(DecryptionFailedException.class);
      assertThatThrownBy(() -> in.read(new byte[100]))
          .isInstanceOf(DecryptionFailedException.class);
      assertThatThrownBy(in::read).isInstanceOf(DecryptionFailedException.class);
    }
  }

  private void assertHeaderFailure(byte[] ciphertext, int position, byte value, String message) {
    byte[] modified = ciphertext.clone();
    modified[position] = value;
    assertThatThrownBy(() -> decrypting(cipher, modified, key, OBJECT_ID))
        .isInstanceOf(DecryptionFailedException.class)
        .hasMessageContaining(message);
  }

  private static byte[] segment(byte[] ciphertext, ObjectLayout layout, int index) {
    return Arrays.copyOfRange(
        ciphertext, layout.segmentStarts().get(index), layout.segmentEnd(index, ciphertext.length));
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
