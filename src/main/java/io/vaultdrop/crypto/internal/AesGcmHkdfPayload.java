package io.vaultdrop.crypto.internal;

import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;

/**
 * Tink streaming AEAD AES-GCM-HKDF (AES-256, HKDF-SHA-256): a per-object random salt and nonce
 * prefix, segment nonces {@code prefix ‖ segment number ‖ last-segment flag}, so reordering,
 * truncation and extension are detected. The associated data feeds Tink's key derivation.
 */
final class AesGcmHkdfPayload implements Payload {

  /** Ciphertext segment size of format version 1; see {@code docs/object-format.md}. */
  static final int SEGMENT_SIZE = 64 << 10;

  static final int TAG_LENGTH = 16;

  /** Tink's header: length byte, 32-byte salt, 7-byte nonce prefix. */
  static final int TINK_HEADER_LENGTH = 1 + 32 + 7;

  private final int segmentSize;

  AesGcmHkdfPayload() {
    this(SEGMENT_SIZE);
  }

  /** Only benchmarks choose another size: the format fixes it per version. */
  AesGcmHkdfPayload(int segmentSize) {
    this.segmentSize = segmentSize;
  }

  @Override
  public String keyLabel() {
    return "aes-256-gcm-hkdf payload";
  }

  @Override
  public OutputStream encrypt(OutputStream sink, byte[] payloadKey, byte[] associatedData)
      throws IOException, GeneralSecurityException {
    return streaming(payloadKey).newEncryptingStream(sink, associatedData);
  }

  @Override
  public InputStream decrypt(InputStream source, byte[] payloadKey, byte[] associatedData)
      throws IOException, GeneralSecurityException {
    return streaming(payloadKey).newDecryptingStream(source, associatedData);
  }

  private AesGcmHkdfStreaming streaming(byte[] payloadKey) throws GeneralSecurityException {
    return new AesGcmHkdfStreaming(payloadKey.clone(), "HmacSha256", 32, segmentSize, 0);
  }
}
