package io.vaultdrop.shares.internal;

import io.vaultdrop.crypto.DecryptionFailedException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The CRC-32 of a shared file's plaintext, sealed for the database. A zip of a share is streamed
 * with each entry's CRC in its local header, so the CRC must be known before the data; but a
 * plaintext CRC is a fingerprint of the content (it confirms a guessed file), so only the link
 * holder may read it.
 *
 * <p>Format v1, base64url without padding: {@code 0x01 | nonce (12) | AES-256-GCM(crc as 4 bytes
 * big-endian) with its 16-byte tag}, 33 bytes, 44 characters. The key is {@link
 * ShareKeys#checksumKey}; the associated data {@code vaultdrop-share-crc:<share id>|file:<index>}
 * binds it to its file, so a sealed CRC moved to another file or share does not open.
 */
final class SealedChecksum {

  private static final byte VERSION = 1;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private SealedChecksum() {}

  static String seal(byte[] key, String shareId, int index, long crc) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, nonce, shareId, index);
      byte[] sealed = cipher.doFinal(ByteBuffer.allocate(4).putInt((int) crc).array());
      ByteBuffer out = ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length);
      out.put(VERSION).put(nonce).put(sealed);
      return B64.encodeToString(out.array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    }
  }

  /**
   * The CRC-32 sealed in {@code sealed}.
   *
   * @throws DecryptionFailedException wrong key, another file's value, or a damaged value
   */
  static long open(byte[] key, String shareId, int index, String sealed)
      throws DecryptionFailedException {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(sealed);
    } catch (IllegalArgumentException e) {
      throw new DecryptionFailedException("sealed checksum is not base64url");
    }
    if (bytes.length != 1 + NONCE_BYTES + 4 + TAG_BITS / 8 || bytes[0] != VERSION) {
      throw new DecryptionFailedException("unknown sealed checksum format");
    }
    try {
      Cipher cipher =
          cipher(
              Cipher.DECRYPT_MODE,
              key,
              Arrays.copyOfRange(bytes, 1, 1 + NONCE_BYTES),
              shareId,
              index);
      byte[] crc = cipher.doFinal(bytes, 1 + NONCE_BYTES, bytes.length - 1 - NONCE_BYTES);
      return Integer.toUnsignedLong(ByteBuffer.wrap(crc).getInt());
    } catch (AEADBadTagException e) {
      throw new DecryptionFailedException("sealed checksum failed authentication");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    }
  }

  private static Cipher cipher(int mode, byte[] key, byte[] nonce, String shareId, int index)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(
        ("vaultdrop-share-crc:" + shareId + "|file:" + index).getBytes(StandardCharsets.UTF_8));
    return cipher;
  }
}
