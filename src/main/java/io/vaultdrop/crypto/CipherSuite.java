package io.vaultdrop.crypto;

import java.util.Optional;

/**
 * Payload encryption of a Vaultdrop object. The suite is written into the object header as one
 * byte; ids are part of the persisted format and never change meaning.
 */
public enum CipherSuite {
  /** Tink streaming AEAD AES-GCM-HKDF with AES-256 and 64 KiB ciphertext segments. */
  AES_256_GCM(1),
  /**
   * An age v1 payload (ChaCha20-Poly1305, 64 KiB chunks) to an X25519 identity derived from the
   * DEK.
   */
  CHACHA20_POLY1305(2);

  private final int id;

  CipherSuite(int id) {
    this.id = id;
  }

  /** The byte stored in the object header. */
  public int id() {
    return id;
  }

  /** The suite stored as {@code id}, or empty when this version knows no such suite. */
  public static Optional<CipherSuite> fromId(int id) {
    for (CipherSuite suite : values()) {
      if (suite.id == id) {
        return Optional.of(suite);
      }
    }
    return Optional.empty();
  }
}
