package io.vaultdrop.accounts.apikeys;

import io.vaultdrop.crypto.KeyUnwrapException;
import io.vaultdrop.crypto.MasterKeyRing;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * What the database keeps of a key: HMAC-SHA-256 of the whole key text under a subkey the master
 * key ring derives for {@value #PURPOSE} (the same mechanism as rate-limit budget keys and token
 * signatures). The id of the master key it came from is stored alongside, so a key stays checkable
 * after a master-key rotation while the old key remains in the ring. Without the master key a
 * database copy can neither check a guess nor use a row.
 */
@Component
final class ApiKeyHashes {

  static final String PURPOSE = "vaultdrop/api-key-hmac/v1";

  private final MasterKeyRing ring;
  private final Map<String, SecretKeySpec> subkeys = new ConcurrentHashMap<>();

  ApiKeyHashes(MasterKeyRing ring) {
    this.ring = ring;
  }

  /** The master key id new hashes are made under. */
  String primaryKeyId() {
    return ring.primaryKeyId();
  }

  /** The hex HMAC of {@code key} under the subkey of master key {@code keyId}. */
  String hash(String keyId, String key) throws KeyUnwrapException {
    SecretKeySpec subkey = subkey(keyId);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(subkey);
      return HexFormat.of().formatHex(mac.doFinal(key.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
    }
  }

  /** Whether {@code key} hashes to {@code storedHash}, compared in constant time. */
  boolean matches(String keyId, String key, String storedHash) throws KeyUnwrapException {
    return MessageDigest.isEqual(
        hash(keyId, key).getBytes(StandardCharsets.US_ASCII),
        storedHash.getBytes(StandardCharsets.US_ASCII));
  }

  private SecretKeySpec subkey(String keyId) throws KeyUnwrapException {
    SecretKeySpec known = subkeys.get(keyId);
    if (known != null) {
      return known;
    }
    byte[] derived = ring.deriveSubkey(keyId, PURPOSE);
    try {
      SecretKeySpec spec = new SecretKeySpec(derived, "HmacSHA256");
      subkeys.put(keyId, spec);
      return spec;
    } finally {
      Arrays.fill(derived, (byte) 0);
    }
  }
}
