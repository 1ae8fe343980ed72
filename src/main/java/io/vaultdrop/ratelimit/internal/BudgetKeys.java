package io.vaultdrop.ratelimit.internal;

import io.vaultdrop.crypto.MasterKeyRing;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a rate-limit store keeps instead of a key (an e-mail or client address, an account id):
 * HMAC-SHA-256 under a key derived from the master key, first 16 bytes in hex. A plain hash of an
 * IPv4 address or a known e-mail address could be reversed by trying them all; this one cannot
 * without the master key. Every node derives the same key, so budgets meet; a new primary master
 * key starts every budget afresh once.
 */
final class BudgetKeys {

  private static final String PURPOSE = "vaultdrop/rate-limit-keys/v1";

  private final SecretKeySpec key;

  BudgetKeys(MasterKeyRing ring) {
    byte[] derived = ring.derivePrimarySubkey(PURPOSE);
    try {
      this.key = new SecretKeySpec(derived, "HmacSHA256");
    } finally {
      Arrays.fill(derived, (byte) 0);
    }
  }

  /** 32 hex digits standing for {@code key}. */
  String of(String key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(this.key);
      byte[] digest = mac.doFinal(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
    }
  }
}
