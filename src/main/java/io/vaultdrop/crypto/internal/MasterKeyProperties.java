package io.vaultdrop.crypto.internal;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Master key settings. Values are checked by {@link MasterKeyLoader}, not by binding, so that no
 * binding error can echo a key.
 *
 * @param masterKey base64 of exactly 32 bytes ({@code VAULTDROP_MASTER_KEY}); when unset a key is
 *     generated once into {@code <dataDir>/keys/master.key}
 * @param previousMasterKeys older master keys still needed to unwrap existing data, base64,
 *     comma-separated in the environment ({@code VAULTDROP_PREVIOUS_MASTER_KEYS})
 */
@ConfigurationProperties("vaultdrop")
public record MasterKeyProperties(String masterKey, List<String> previousMasterKeys) {

  public MasterKeyProperties {
    previousMasterKeys = previousMasterKeys == null ? List.of() : List.copyOf(previousMasterKeys);
  }

  @Override
  public String toString() {
    return "MasterKeyProperties[masterKey="
        + (masterKey == null || masterKey.isBlank() ? "unset" : "set")
        + ", previousMasterKeys="
        + previousMasterKeys.size()
        + "]";
  }
}
