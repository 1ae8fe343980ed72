package io.vaultdrop.vault.internal;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.HybridEncrypt;
import io.vaultdrop.crypto.KeyUnwrapException;
import io.vaultdrop.crypto.MasterKeyRing;
import io.vaultdrop.crypto.WrappedKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The users' HPKE key pairs. A private keyset is stored only sealed by the master key ring with the
 * context {@code vault-user-key:<account id>} (so a sealed key copied to another account does not
 * open) and is unsealed only in memory, for the moment a data key is unwrapped. Rotating the master
 * key re-seals these keys and nothing else ({@link #rewrapStale()}).
 */
@Component
final class UserKeys {

  private static final Logger log = LoggerFactory.getLogger(UserKeys.class);
  private static final int PAGE = 200;

  private final UserKeyRepository keys;
  private final MasterKeyRing ring;
  private final Clock clock;

  UserKeys(UserKeyRepository keys, MasterKeyRing ring, Clock clock) {
    this.keys = keys;
    this.ring = ring;
    this.clock = clock;
  }

  /** Encrypts data keys to the user's public key, creating the key pair on first use. */
  HybridEncrypt encrypterFor(String accountId) {
    byte[] publicKeyset = keys.publicKeyset(accountId).orElseGet(() -> create(accountId));
    try {
      return HpkeKeysets.encrypter(publicKeyset);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the stored vault public key does not parse", e);
    }
  }

  private byte[] create(String accountId) {
    HpkeKeysets.Generated pair = HpkeKeysets.generate();
    try {
      WrappedKey sealed = ring.seal(pair.privateKeyset(), context(accountId));
      keys.insertIfAbsent(
          accountId, pair.publicKeyset(), sealed.toBytes(), sealed.keyId(), clock.instant());
    } finally {
      pair.wipe();
    }
    // Whoever won a concurrent first upload, every upload uses the stored pair.
    return keys.publicKeyset(accountId)
        .orElseThrow(() -> new IllegalStateException("vault key pair vanished after insert"));
  }

  /**
   * Decrypts data keys wrapped to the user. The private keyset is unsealed for the call only.
   *
   * @throws KeyUnwrapException the sealing master key is not in the ring, or the value was altered
   */
  HybridDecrypt decrypterFor(String accountId) throws KeyUnwrapException {
    UserKeyRepository.Sealed sealed =
        keys.sealed(accountId)
            .orElseThrow(() -> new KeyUnwrapException("the user has no vault key pair"));
    byte[] privateKeyset =
        ring.open(WrappedKey.fromBytes(sealed.sealedPrivateKeyset()), context(accountId));
    try {
      return HpkeKeysets.decrypter(privateKeyset);
    } catch (GeneralSecurityException e) {
      throw new KeyUnwrapException("the vault private key does not parse", e);
    } finally {
      Arrays.fill(privateKeyset, (byte) 0);
    }
  }

  /** Locks the user's key row for the current transaction (quota reservations). */
  boolean lock(String accountId) {
    return keys.lock(accountId);
  }

  void delete(String accountId) {
    keys.delete(accountId);
  }

  /**
   * Re-seals, under the primary master key, every private key sealed by another (older) one. Reads
   * and writes only {@code vault_user_keys}: file contents, blobs and wrapped data keys stay as
   * they are, since the key pairs themselves do not change.
   */
  RewrapReport rewrapStale() {
    String primary = ring.primaryKeyId();
    int rewrapped = 0;
    int failed = 0;
    String after = "";
    List<UserKeyRepository.Sealed> page;
    do {
      page = keys.sealedByOtherThan(primary, after, PAGE);
      for (UserKeyRepository.Sealed stale : page) {
        after = stale.accountId();
        if (reseal(stale, primary)) {
          rewrapped++;
        } else {
          failed++;
        }
      }
    } while (page.size() == PAGE);
    return new RewrapReport(primary, rewrapped, failed, keys.count());
  }

  private boolean reseal(UserKeyRepository.Sealed stale, String primary) {
    byte[] context = context(stale.accountId());
    byte[] privateKeyset;
    try {
      privateKeyset = ring.open(WrappedKey.fromBytes(stale.sealedPrivateKeyset()), context);
    } catch (KeyUnwrapException e) {
      log.warn(
          "A vault user key sealed by master key {} cannot be re-sealed: {}",
          stale.masterKeyId(),
          e.getMessage());
      return false;
    }
    try {
      WrappedKey fresh = ring.seal(privateKeyset, context);
      // A concurrent re-seal already did it when the row no longer carries the old key id.
      keys.reseal(
          stale.accountId(), stale.masterKeyId(), fresh.toBytes(), primary, clock.instant());
      return true;
    } finally {
      Arrays.fill(privateKeyset, (byte) 0);
    }
  }

  /** Key pairs: how many there are, and how many are not sealed by the primary master key. */
  KeyStatus status() {
    String primary = ring.primaryKeyId();
    return new KeyStatus(primary, keys.count(), keys.countSealedByOtherThan(primary));
  }

  private static byte[] context(String accountId) {
    return ("vault-user-key:" + accountId).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * @param primaryKeyId the master key every key is sealed by afterwards
   * @param rewrapped keys moved to the primary key by this run
   * @param failed keys sealed by a master key missing from the ring (left unchanged)
   * @param total key pairs stored
   */
  record RewrapReport(String primaryKeyId, int rewrapped, int failed, long total) {}

  /**
   * @param stale key pairs sealed by another master key than the primary one
   */
  record KeyStatus(String primaryKeyId, long total, long stale) {}
}
