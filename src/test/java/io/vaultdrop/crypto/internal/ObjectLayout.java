package io.vaultdrop.crypto.internal;

import io.vaultdrop.crypto.CipherSuite;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Where segments of one encrypted object start, in ciphertext and plaintext. */
record ObjectLayout(
    int headerLength, int payloadStart, List<Integer> segmentStarts, List<Long> plaintextStarts) {

  static final int AGE_CHUNK = 64 * 1024;
  static final int AGE_CHUNK_CIPHERTEXT = AGE_CHUNK + 16;

  static ObjectLayout of(CipherSuite suite, byte[] ciphertext, int headerLength) {
    int afterCommitment = headerLength + KeyCommitment.LENGTH;
    List<Integer> starts = new ArrayList<>();
    List<Long> plain = new ArrayList<>();
    if (suite == CipherSuite.AES_256_GCM) {
      int segment = AesGcmHkdfPayload.SEGMENT_SIZE;
      starts.add(afterCommitment + AesGcmHkdfPayload.TINK_HEADER_LENGTH);
      plain.add(0L);
      long plainOffset = segment - AesGcmHkdfPayload.TINK_HEADER_LENGTH - 16;
      for (int s = afterCommitment + segment; s < ciphertext.length; s += segment) {
        starts.add(s);
        plain.add(plainOffset);
        plainOffset += segment - 16;
      }
      return new ObjectLayout(headerLength, afterCommitment, starts, plain);
    }
    int ageHeaderEnd = indexOf(ciphertext, "\n--- ", afterCommitment);
    int lineEnd = indexOf(ciphertext, "\n", ageHeaderEnd + 1);
    int body = lineEnd + 1 + 16;
    for (int s = body, i = 0; s < ciphertext.length || i == 0; s += AGE_CHUNK_CIPHERTEXT, i++) {
      starts.add(s);
      plain.add((long) i * AGE_CHUNK);
    }
    return new ObjectLayout(headerLength, afterCommitment, starts, plain);
  }

  /** Index of the segment holding ciphertext byte {@code offset}, or -1 before the first one. */
  int segmentOf(int offset) {
    int index = -1;
    for (int i = 0; i < segmentStarts.size(); i++) {
      if (segmentStarts.get(i) <= offset) {
        index = i;
      }
    }
    return index;
  }

  /** Plaintext bytes that may legitimately be released before segment {@code index} fails. */
  long releasableBefore(int index) {
    return index < 0 ? 0 : plaintextStarts.get(index);
  }

  int segmentEnd(int index, int total) {
    return index + 1 < segmentStarts.size() ? segmentStarts.get(index + 1) : total;
  }

  private static int indexOf(byte[] haystack, String needle, int from) {
    byte[] n = needle.getBytes(StandardCharsets.US_ASCII);
    outer:
    for (int i = from; i <= haystack.length - n.length; i++) {
      for (int j = 0; j < n.length; j++) {
        if (haystack[i + j] != n[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalArgumentException("not found: " + needle.strip());
  }
}
