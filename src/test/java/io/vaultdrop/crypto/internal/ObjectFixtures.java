package io.vaultdrop.crypto.internal;

import io.vaultdrop.crypto.CipherSuite;
import io.vaultdrop.crypto.DataKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Shared plaintexts and helpers for object cipher tests. */
final class ObjectFixtures {

  static final String KEY_ID = "mk:0123456789abcdef";
  static final byte[] OBJECT_ID = "file:7f3a".getBytes(StandardCharsets.UTF_8);
  static final int HEADER_LENGTH = 4 + 3 + KEY_ID.length();

  private ObjectFixtures() {}

  static byte[] plaintext(int size) {
    byte[] bytes = new byte[size];
    new SplittableRandom(size).nextBytes(bytes);
    return bytes;
  }

  static byte[] encrypt(
      StreamingObjectCipher cipher, CipherSuite suite, DataKey key, byte[] ad, byte[] plaintext)
      throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (OutputStream out = cipher.encrypt(sink, suite, key, KEY_ID, ad)) {
      // Uneven writes exercise the segment buffering.
      int offset = 0;
      int step = 1;
      while (offset < plaintext.length) {
        int length = Math.min(step, plaintext.length - offset);
        out.write(plaintext, offset, length);
        offset += length;
        step = step * 7 + 3;
      }
    }
    return sink.toByteArray();
  }

  static InputStream decrypting(
      StreamingObjectCipher cipher, byte[] ciphertext, DataKey key, byte[] ad) throws IOException {
    return cipher.decrypt(new ByteArrayInputStream(ciphertext), key, ad);
  }
}
