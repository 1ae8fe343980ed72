package io.vaultdrop.crypto;

import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.subtle.Hkdf;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The primary master key, which wraps everything new, plus older keys that still unwrap what they
 * wrapped, looked up by key id.
 *
 * <p>{@link #wrap}/{@link #seal} use AES-256-GCM with a random 96-bit nonce (Tink {@code
 * AesGcmJce}); see {@link WrappedKey} for the format. The {@code context} names what the value
 * belongs to (for example {@code "file:" + fileId}) and must be given again to unwrap, so a wrapped
 * key copied to another record does not open. Thread-safe.
 */
public final class MasterKeyRing implements AutoCloseable {

  private static final byte[] SUBKEY_SALT =
      "vaultdrop master key subkey".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private final MasterKey primary;
  private final Map<String, MasterKey> byId;

  /**
   * @param primary wraps all new values
   * @param previous older keys, kept to unwrap old values; duplicates of the primary are ignored
   */
  public MasterKeyRing(MasterKey primary, List<MasterKey> previous) {
    this.primary = Objects.requireNonNull(primary, "primary");
    Map<String, MasterKey> keys = new LinkedHashMap<>();
    keys.put(primary.keyId(), primary);
    for (MasterKey key : previous) {
      keys.putIfAbsent(key.keyId(), key);
    }
    this.byId = Map.copyOf(keys);
  }

  /** Id of the key used for new wraps. */
  public String primaryKeyId() {
    return primary.keyId();
  }

  /** Ids of every key this ring can unwrap with. */
  public Set<String> keyIds() {
    return byId.keySet();
  }

  /** Wraps a data key under the primary key, bound to {@code context}. */
  public WrappedKey wrap(DataKey key, byte[] context) {
    byte[] bytes = key.exportSecretBytes();
    try {
      return seal(bytes, context);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /**
   * Unwraps a data key with the key named by its id.
   *
   * @throws KeyUnwrapException unknown key id, other context, or modified bytes
   */
  public DataKey unwrap(WrappedKey wrapped, byte[] context) throws KeyUnwrapException {
    byte[] bytes = open(wrapped, context);
    try {
      if (bytes.length != DataKey.LENGTH) {
        throw new KeyUnwrapException("sealed value is not a data key");
      }
      return DataKey.fromSecretBytes(bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** Encrypts a small secret (for example an X25519 private key) under the primary key. */
  public WrappedKey seal(byte[] secret, byte[] context) {
    Objects.requireNonNull(secret, "secret");
    byte[] header = new byte[WrappedKey.HEADER_LENGTH];
    header[0] = WrappedKey.VERSION;
    byte[] id = HexFormat.of().parseHex(primary.keyId());
    System.arraycopy(id, 0, header, 1, id.length);
    try {
      return WrappedKey.of(header, aead(primary).encrypt(secret, aad(header, context)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM encryption failed", e);
    }
  }

  /**
   * Decrypts a value from {@link #seal}; the caller must wipe the returned array.
   *
   * @throws KeyUnwrapException unknown key id, other context, or modified bytes
   */
  public byte[] open(WrappedKey sealed, byte[] context) throws KeyUnwrapException {
    MasterKey key = byId.get(sealed.keyId());
    if (key == null) {
      throw new KeyUnwrapException(
          "no master key with id "
              + sealed.keyId()
              + " in the key ring (is a previous key missing?)");
    }
    byte[] header = sealed.header();
    try {
      return aead(key).decrypt(sealed.nonceCiphertextTag(), aad(header, context));
    } catch (GeneralSecurityException e) {
      throw new KeyUnwrapException(
          "wrapped key failed authentication (modified, or wrapped for another context)");
    }
  }

  /**
   * A 256-bit key for one purpose, derived from the primary key with HKDF-SHA-256 ({@code info} =
   * the purpose label). Different purposes give independent keys; the same purpose and primary key
   * give the same bytes on every node. Changing the primary key changes it (fine for short-lived
   * uses such as API token signatures). The caller must wipe the returned array.
   */
  public byte[] derivePrimarySubkey(String purpose) {
    return derive(primary, purpose);
  }

  /**
   * The same derivation as {@link #derivePrimarySubkey} from the key named {@code keyId}, primary
   * or previous, so a value protected by a derived key stays readable after a rotation as long as
   * the old key remains in the ring. The caller must wipe the returned array.
   *
   * @throws KeyUnwrapException no key with that id in the ring
   */
  public byte[] deriveSubkey(String keyId, String purpose) throws KeyUnwrapException {
    MasterKey key = keyId == null ? null : byId.get(keyId);
    if (key == null) {
      throw new KeyUnwrapException("no master key with that id in the key ring");
    }
    return derive(key, purpose);
  }

  private static byte[] derive(MasterKey key, String purpose) {
    if (purpose == null || purpose.isBlank()) {
      throw new IllegalArgumentException("purpose must be named");
    }
    byte[] bytes = key.exportSecretBytes();
    try {
      return Hkdf.computeHkdf(
          "HMACSHA256",
          bytes,
          SUBKEY_SALT,
          purpose.getBytes(java.nio.charset.StandardCharsets.UTF_8),
          32);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HKDF-SHA-256 unavailable", e);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** Destroys every key in the ring. */
  @Override
  public void close() {
    byId.values().forEach(MasterKey::destroy);
  }

  @Override
  public String toString() {
    return "MasterKeyRing[primary=" + primary.keyId() + ", keys=" + byId.size() + "]";
  }

  private static AesGcmJce aead(MasterKey key) throws GeneralSecurityException {
    byte[] bytes = key.exportSecretBytes();
    try {
      return new AesGcmJce(bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  private static byte[] aad(byte[] header, byte[] context) {
    Objects.requireNonNull(context, "context");
    byte[] aad = Arrays.copyOf(header, header.length + context.length);
    System.arraycopy(context, 0, aad, header.length, context.length);
    return aad;
  }
}
