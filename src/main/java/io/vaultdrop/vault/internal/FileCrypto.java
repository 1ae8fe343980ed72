package io.vaultdrop.vault.internal;

import com.google.crypto.tink.HybridEncrypt;
import io.vaultdrop.crypto.DataKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * How a vault file's keys are bound to it (persisted format: never change these without a
 * migration). The content is an object of the object format whose associated data names the file;
 * the data key is HPKE-encrypted to the owner with a context info naming owner and file.
 */
final class FileCrypto {

  /** The key id in the object header: the data key is HPKE-wrapped to the owner. */
  static final String OBJECT_KEY_ID = "vault-hpke";

  private FileCrypto() {}

  /** Associated data of a file's object: a blob moved under another file does not open. */
  static byte[] objectAd(String fileId) {
    return ("vaultdrop-vault-file:" + fileId).getBytes(StandardCharsets.UTF_8);
  }

  /** HPKE context info of a file's data key: bound to its owner and its file. */
  static byte[] keyContext(String ownerId, String fileId) {
    return ("vaultdrop/vault/data-key/v1|" + ownerId + "|" + fileId)
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The data key encrypted to the owner's public key. */
  static byte[] wrap(HybridEncrypt encrypter, DataKey key, String ownerId, String fileId) {
    byte[] secret = key.exportSecretBytes();
    try {
      return encrypter.encrypt(secret, keyContext(ownerId, fileId));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HPKE encryption of a data key failed", e);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }
}
