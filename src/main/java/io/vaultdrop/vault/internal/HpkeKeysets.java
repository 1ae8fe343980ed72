package io.vaultdrop.vault.internal;

import com.google.crypto.tink.Configuration;
import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.hybrid.HpkeParameters;
import com.google.crypto.tink.hybrid.HybridConfig2026;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * The vault's asymmetric layer: one HPKE key pair (RFC 9180, base mode) per user through Tink's
 * {@code HybridEncrypt}/{@code HybridDecrypt}, with DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and
 * AES-256-GCM. Keys live in Tink keysets, serialised in Tink's protobuf keyset format: the public
 * keyset may be stored as is; the private keyset holds secret key material and leaves this class
 * only to be sealed by the master key at once ({@link UserKeys}).
 *
 * <p>Why HPKE rather than RSA-OAEP: a standard (RFC 9180) hybrid scheme with 32-byte keys and an
 * 85-byte wrapped data key, no padding oracles, constant-time X25519 in Tink, and a context info
 * that binds each wrapped key to its owner and file.
 */
final class HpkeKeysets {

  /** Tink variant: 5-byte key id prefix, so a keyset could later hold several keys. */
  static final HpkeParameters PARAMETERS = parameters();

  private static final Configuration CONFIGURATION = HybridConfig2026.get();

  private HpkeKeysets() {}

  /** A fresh key pair. The caller must wipe {@link Generated#privateKeyset()} once it is sealed. */
  static Generated generate() {
    try {
      KeysetHandle privateKeyset = KeysetHandle.generateNew(PARAMETERS, CONFIGURATION);
      byte[] publicBytes =
          TinkProtoKeysetFormat.serializeKeysetWithoutSecret(
              privateKeyset.getPublicKeysetHandle(), CONFIGURATION);
      byte[] privateBytes =
          TinkProtoKeysetFormat.serializeKeyset(
              privateKeyset, InsecureSecretKeyAccess.get(), CONFIGURATION);
      return new Generated(publicBytes, privateBytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HPKE key generation failed", e);
    }
  }

  /** Encrypts to a stored public keyset (which must hold no secret). */
  static HybridEncrypt encrypter(byte[] publicKeyset) throws GeneralSecurityException {
    return TinkProtoKeysetFormat.parseKeysetWithoutSecret(publicKeyset, CONFIGURATION)
        .getPrimitive(CONFIGURATION, HybridEncrypt.class);
  }

  /** Decrypts with an unsealed private keyset; the caller wipes its array afterwards. */
  static HybridDecrypt decrypter(byte[] privateKeyset) throws GeneralSecurityException {
    return TinkProtoKeysetFormat.parseKeyset(
            privateKeyset, InsecureSecretKeyAccess.get(), CONFIGURATION)
        .getPrimitive(CONFIGURATION, HybridDecrypt.class);
  }

  /** A new key pair as serialised keysets; {@code privateKeyset} is secret. */
  record Generated(byte[] publicKeyset, byte[] privateKeyset) {

    void wipe() {
      Arrays.fill(privateKeyset, (byte) 0);
    }

    @Override
    public String toString() {
      return "Generated[public " + publicKeyset.length + " bytes, private hidden]";
    }
  }

  private static HpkeParameters parameters() {
    try {
      return HpkeParameters.builder()
          .setKemId(HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256)
          .setKdfId(HpkeParameters.KdfId.HKDF_SHA256)
          .setAeadId(HpkeParameters.AeadId.AES_256_GCM)
          .setVariant(HpkeParameters.Variant.TINK)
          .build();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
