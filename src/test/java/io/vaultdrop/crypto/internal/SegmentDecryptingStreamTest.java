package io.vaultdrop.crypto.internal;

import static io.vaultdrop.crypto.internal.ObjectFixtures.plaintext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link SegmentDecryptingStream} against Tink's own streams: it reads what Tink writes, byte for
 * byte, whatever the read sizes, and fails where Tink's decrypting stream fails.
 */
class SegmentDecryptingStreamTest {

  /** Small segments make many segments cheap; the production size is covered too. */
  private static final int SMALL_SEGMENT = 256;

  private static final byte[] AD = "header and object id".getBytes(StandardCharsets.UTF_8);
  private static final byte[] KEY = plaintext(32);

  static Stream<Arguments> segmentsAndSizes() {
    return sizes(SMALL_SEGMENT, AesGcmHkdfPayload.SEGMENT_SIZE);
  }

  /** Every byte of several 64 KiB segments would be slow; the tamper suite samples those. */
  static Stream<Arguments> smallSegmentSizes() {
    return sizes(SMALL_SEGMENT);
  }

  /** Sizes whose last segment comes after at least one full one. */
  static Stream<Arguments> severalSegments() {
    return segmentsAndSizes().filter(a -> (int) a.get()[1] >= 2 * (int) a.get()[0]);
  }

  private static Stream<Arguments> sizes(int... segments) {
    return IntStream.of(segments)
        .boxed()
        .flatMap(
            segment -> {
              int first = segment - AesGcmHkdfPayload.TINK_HEADER_LENGTH - 16;
              int later = segment - 16;
              return IntStream.of(
                      0, 1, first - 1, first, first + 1, first + later, first + 3 * later + 5)
                  .mapToObj(size -> Arguments.of(segment, size));
            });
  }

  @ParameterizedTest(name = "segment {0}, {1} bytes")
  @MethodSource("segmentsAndSizes")
  void read_ofTinkCiphertext_returnsPlaintextForAnyReadSize(int segment, int size)
      throws Exception {
    AesGcmHkdfStreaming tink = streaming(segment);
    byte[] plaintext = plaintext(size);
    byte[] ciphertext = tinkEncrypt(tink, plaintext);

    for (int readSize : new int[] {1, 7, segment - 17, segment - 16, segment, 3 * segment + 1}) {
      Drained drained = Drained.from(() -> ours(tink, ciphertext), readSize);
      assertThat(drained.failure()).as("reads of %d", readSize).isNull();
      assertThat(drained.released()).as("reads of %d", readSize).isEqualTo(plaintext);
    }
    assertThat(readRandomly(ours(tink, ciphertext), size)).isEqualTo(plaintext);
    assertThat(readByteByByte(ours(tink, ciphertext))).isEqualTo(plaintext);
  }

  @ParameterizedTest(name = "segment {0}, {1} bytes")
  @MethodSource("smallSegmentSizes")
  void everyChangedByte_failsInOursWhereTinkFails(int segment, int size) throws Exception {
    AesGcmHkdfStreaming tink = streaming(segment);
    byte[] plaintext = plaintext(size);
    byte[] ciphertext = tinkEncrypt(tink, plaintext);

    for (int position = 0; position < ciphertext.length; position++) {
      byte[] changed = ciphertext.clone();
      changed[position] ^= 0x40;
      assertThat(Drained.from(() -> tink.newDecryptingStream(input(changed), AD)).failure())
          .as("Tink, byte %d", position)
          .isNotNull();
      long releasable = releasableBefore(segment, position);
      for (int readSize : new int[] {13, 3 * segment}) {
        Drained ours = Drained.from(() -> ours(tink, changed), readSize);
        assertThat(ours.failure()).as("byte %d, reads of %d", position, readSize).isNotNull();
        assertThat(ours.released())
            .as("byte %d, reads of %d: only segments before the changed one", position, readSize)
            .hasSizeLessThanOrEqualTo((int) releasable)
            .isEqualTo(Arrays.copyOf(plaintext, ours.released().length));
      }
    }
  }

  /** Plaintext bytes in the segments before the one holding ciphertext byte {@code position}. */
  private static long releasableBefore(int segment, int position) {
    int first = segment - AesGcmHkdfPayload.TINK_HEADER_LENGTH - 16;
    int index = position / segment;
    return index == 0 ? 0 : first + (long) (index - 1) * (segment - 16);
  }

  @ParameterizedTest(name = "segment {0}, {1} bytes")
  @MethodSource("segmentsAndSizes")
  void truncatedOrExtended_fails(int segment, int size) throws Exception {
    AesGcmHkdfStreaming tink = streaming(segment);
    byte[] ciphertext = tinkEncrypt(tink, plaintext(size));

    for (int cut : new int[] {0, 1, ciphertext.length - 1, ciphertext.length - segment}) {
      if (cut < 0) {
        continue;
      }
      byte[] truncated = Arrays.copyOf(ciphertext, cut);
      assertThat(Drained.from(() -> ours(tink, truncated), segment).failure())
          .as("cut at %d", cut)
          .isInstanceOf(IOException.class);
    }
    byte[] extended = Arrays.copyOf(ciphertext, ciphertext.length + 1);
    assertThat(Drained.from(() -> ours(tink, extended), segment).failure())
        .isInstanceOf(IOException.class);
  }

  @ParameterizedTest(name = "segment {0}, {1} bytes")
  @MethodSource("severalSegments")
  void failedSegmentReadIntoCallersArray_leavesNoPlaintextThere(int segment, int size)
      throws Exception {
    AesGcmHkdfStreaming tink = streaming(segment);
    byte[] ciphertext = tinkEncrypt(tink, plaintext(size));
    ciphertext[ciphertext.length - 20] ^= 1; // inside the last segment's ciphertext

    byte[] buffer = new byte[3 * segment];
    try (InputStream in = ours(tink, ciphertext)) {
      assertThatThrownBy(
              () -> {
                while (true) {
                  Arrays.fill(buffer, (byte) 0x55);
                  if (in.read(buffer) < 0) {
                    return;
                  }
                }
              })
          .isInstanceOf(IOException.class);
      // The failing read decrypted into the caller's range; all of that range is zeroed.
      assertThat(buffer).containsOnly((byte) 0);
      assertThatThrownBy(() -> in.read(buffer)).isInstanceOf(IOException.class);
    }
  }

  private static AesGcmHkdfStreaming streaming(int segment) throws GeneralSecurityException {
    return new AesGcmHkdfStreaming(KEY, "HmacSha256", 32, segment, 0);
  }

  private static byte[] tinkEncrypt(AesGcmHkdfStreaming tink, byte[] plaintext) throws Exception {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (OutputStream out = tink.newEncryptingStream(sink, AD)) {
      out.write(plaintext);
    }
    return sink.toByteArray();
  }

  private static InputStream ours(AesGcmHkdfStreaming tink, byte[] ciphertext)
      throws GeneralSecurityException {
    return new SegmentDecryptingStream(tink, input(ciphertext), AD);
  }

  /** A source that hands out short, uneven reads, as a socket or storage stream may. */
  private static InputStream input(byte[] ciphertext) {
    return new ByteArrayInputStream(ciphertext) {
      private final SplittableRandom random = new SplittableRandom(ciphertext.length);

      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, len == 0 ? 0 : 1 + random.nextInt(len));
      }
    };
  }

  private static byte[] readRandomly(InputStream in, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[200_000];
    try (in) {
      int read;
      while ((read = in.read(buffer, 0, 1 + random.nextInt(buffer.length))) != -1) {
        out.write(buffer, 0, read);
      }
    }
    return out.toByteArray();
  }

  private static byte[] readByteByByte(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (in) {
      int b;
      while ((b = in.read()) != -1) {
        out.write(b);
      }
    }
    return out.toByteArray();
  }
}
