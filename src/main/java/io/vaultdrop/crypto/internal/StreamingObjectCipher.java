package io.vaultdrop.crypto.internal;

import io.vaultdrop.crypto.CipherSuite;
import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.crypto.ObjectCipher;
import io.vaultdrop.crypto.ObjectHeader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Format version 1 of Vaultdrop objects: {@code header | key commitment | payload}; see {@code
 * docs/object-format.md}.
 */
final class StreamingObjectCipher implements ObjectCipher {

  private final Payload aesGcm;
  private final Payload age;

  StreamingObjectCipher() {
    this(new AesGcmHkdfPayload());
  }

  /** Only benchmarks pass another AES payload (segment size). */
  StreamingObjectCipher(Payload aesGcm) {
    this.aesGcm = aesGcm;
    this.age = new AgePayload();
  }

  @Override
  public OutputStream encrypt(
      OutputStream ciphertextSink,
      CipherSuite suite,
      DataKey key,
      String keyId,
      byte[] associatedData)
      throws IOException {
    Objects.requireNonNull(ciphertextSink, "ciphertextSink");
    Objects.requireNonNull(associatedData, "associatedData");
    ObjectHeader header = new ObjectHeader(ObjectHeader.CURRENT_VERSION, suite, keyId);
    byte[] headerBytes = HeaderCodec.encode(header);
    Payload payload = payload(suite);
    try (ObjectKeys keys = ObjectKeys.derive(key, header.version(), payload.keyLabel())) {
      ciphertextSink.write(headerBytes);
      ciphertextSink.write(
          KeyCommitment.compute(keys.commitmentKey(), headerBytes, associatedData));
      return payload.encrypt(
          ciphertextSink, keys.payloadKey(), concat(headerBytes, associatedData));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("payload cipher unavailable", e);
    }
  }

  @Override
  public ObjectHeader readHeader(InputStream ciphertext) throws IOException {
    return HeaderCodec.read(ciphertext);
  }

  @Override
  public InputStream decrypt(
      ObjectHeader header, InputStream ciphertextAfterHeader, DataKey key, byte[] associatedData)
      throws IOException {
    Objects.requireNonNull(associatedData, "associatedData");
    TrackedSource source = new TrackedSource(ciphertextAfterHeader);
    byte[] headerBytes = HeaderCodec.encode(header);
    Payload payload = payload(header.suite());
    ObjectKeys keys = ObjectKeys.derive(key, header.version(), payload.keyLabel());
    try (keys) {
      byte[] stored = HeaderCodec.readFully(source, KeyCommitment.LENGTH);
      KeyCommitment.verify(keys.commitmentKey(), headerBytes, associatedData, stored);
      InputStream plaintext =
          payload.decrypt(source, keys.payloadKey(), concat(headerBytes, associatedData));
      return new GuardedPlaintext(plaintext, source, "object");
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw GuardedPlaintext.translate(e, source, "object");
    }
  }

  private Payload payload(CipherSuite suite) {
    return switch (suite) {
      case AES_256_GCM -> aesGcm;
      case CHACHA20_POLY1305 -> age;
    };
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }
}
