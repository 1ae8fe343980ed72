package io.vaultdrop.crypto;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A data key or small secret encrypted under a {@link MasterKey}; safe to store.
 *
 * <p>Format version 1, as bytes: {@code version (1 byte = 0x01) | master key id (8 bytes) | nonce
 * (12 bytes) | AES-256-GCM ciphertext with 16-byte tag}. The GCM associated data is {@code version
 * ‖ key id ‖ context}, so the version, the key id and the caller's context are all authenticated.
 */
public final class WrappedKey {

  /** The only format version this code writes and reads. */
  public static final int VERSION = 1;

  static final int HEADER_LENGTH = 1 + MasterKey.KEY_ID_LENGTH;
  static final int NONCE_AND_TAG_LENGTH = 12 + 16;

  private final byte[] bytes;

  private WrappedKey(byte[] bytes) {
    this.bytes = bytes;
  }

  static WrappedKey of(byte[] header, byte[] nonceCiphertextTag) {
    byte[] all = Arrays.copyOf(header, header.length + nonceCiphertextTag.length);
    System.arraycopy(nonceCiphertextTag, 0, all, header.length, nonceCiphertextTag.length);
    return new WrappedKey(all);
  }

  /**
   * Parses stored bytes, checking only the structure; authenticity is checked by {@link
   * MasterKeyRing#unwrap}.
   *
   * @throws KeyUnwrapException for an unknown version or a too short value
   */
  public static WrappedKey fromBytes(byte[] bytes) throws KeyUnwrapException {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length < HEADER_LENGTH + NONCE_AND_TAG_LENGTH) {
      throw new KeyUnwrapException("wrapped key is too short");
    }
    if (bytes[0] != VERSION) {
      throw new KeyUnwrapException("unknown wrapped key version " + (bytes[0] & 0xff));
    }
    return new WrappedKey(bytes.clone());
  }

  /** The stored form. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** Id of the master key that wrapped this value. */
  public String keyId() {
    return HexFormat.of().formatHex(bytes, 1, HEADER_LENGTH);
  }

  byte[] header() {
    return Arrays.copyOf(bytes, HEADER_LENGTH);
  }

  byte[] nonceCiphertextTag() {
    return Arrays.copyOfRange(bytes, HEADER_LENGTH, bytes.length);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof WrappedKey that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "WrappedKey[v" + VERSION + ", keyId=" + keyId() + ", " + bytes.length + " bytes]";
  }
}
