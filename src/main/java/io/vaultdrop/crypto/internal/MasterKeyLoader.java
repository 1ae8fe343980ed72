package io.vaultdrop.crypto.internal;

import io.vaultdrop.crypto.MasterKey;
import io.vaultdrop.crypto.MasterKeyRing;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Builds the master key ring at start-up: the primary key from {@code VAULTDROP_MASTER_KEY}, or
 * else from the generated key file; previous keys from {@code VAULTDROP_PREVIOUS_MASTER_KEYS}, and
 * the key file's key as a previous key when an explicit key replaced it. Every problem is an {@link
 * IllegalStateException} naming the variable or file, never the value.
 */
final class MasterKeyLoader {

  static final String MASTER_KEY_VARIABLE = "VAULTDROP_MASTER_KEY (vaultdrop.master-key)";
  static final String PREVIOUS_KEYS_VARIABLE =
      "VAULTDROP_PREVIOUS_MASTER_KEYS (vaultdrop.previous-master-keys)";

  private MasterKeyLoader() {}

  static MasterKeyRing load(MasterKeyProperties properties, Path dataDir) {
    MasterKeyFile file = new MasterKeyFile(dataDir.resolve("keys").resolve("master.key"));
    List<MasterKey> previous = new ArrayList<>();
    for (int i = 0; i < properties.previousMasterKeys().size(); i++) {
      previous.add(
          decode(
              properties.previousMasterKeys().get(i),
              PREVIOUS_KEYS_VARIABLE + " entry " + (i + 1)));
    }
    MasterKey primary;
    if (properties.masterKey() != null && !properties.masterKey().isBlank()) {
      primary = decode(properties.masterKey(), MASTER_KEY_VARIABLE);
      file.readIfPresent().ifPresent(previous::add);
    } else {
      primary = file.readOrCreate();
    }
    return new MasterKeyRing(primary, previous);
  }

  /** Decodes base64 of exactly 32 bytes; {@code source} names where the value came from. */
  static MasterKey decode(String base64, String source) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          source
              + " is not valid base64; expected base64 of exactly 32 random bytes"
              + " (for example from `openssl rand -base64 32`)");
    }
    try {
      if (bytes.length != MasterKey.LENGTH) {
        throw new IllegalStateException(
            source
                + " decodes to "
                + bytes.length
                + " bytes; expected base64 of exactly 32 bytes"
                + " (for example from `openssl rand -base64 32`)");
      }
      return MasterKey.fromSecretBytes(bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }
}
