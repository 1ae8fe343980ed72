package io.vaultdrop.capsules.internal;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.AESDecrypter;
import com.nimbusds.jose.crypto.AESEncrypter;
import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.crypto.KeyUnwrapException;
import io.vaultdrop.crypto.MasterKeyRing;
import io.vaultdrop.storage.BlobId;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Issues and opens capsule JWEs (Nimbus JOSE+JWT): compact serialisation, {@code alg} = {@code
 * A256KW}, {@code enc} = {@code A256GCM}, {@code kid} = the id of the master key the wrapping key
 * was derived from (HKDF, purpose {@value #PURPOSE}), so a capsule issued before a master-key
 * rotation still opens while the old key stays in the ring. The server keeps no per-capsule key.
 *
 * <p>Opening is strict and fails the same way ({@link InvalidCapsuleTokenException}) for every
 * cause. Before any cryptography: at most {@value #MAX_LENGTH} characters of the base64url alphabet
 * in exactly five parts, and a protected header holding exactly {@code alg}, {@code enc} and {@code
 * kid} with the expected values, so {@code zip}, {@code jwk}, {@code jku}, {@code crit}, PBES2,
 * RSA, ECDH or {@code none} never reach a decrypter. The decrypter is an {@link AESDecrypter} for
 * the derived key only. The decrypted payload must then match the format in {@code
 * docs/capsules.md} exactly.
 */
@Component
public final class CapsuleTokens {

  /** HKDF purpose label of the key-wrapping key. */
  public static final String PURPOSE = "vaultdrop/capsule-jwe/v1";

  /** Longest token accepted, in characters. */
  public static final int MAX_LENGTH = 8 * 1024;

  static final int FORMAT_VERSION = 1;

  private static final Pattern COMPACT =
      Pattern.compile(
          "[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
  private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{16}");
  private static final Set<String> HEADER_PARAMS = Set.of("alg", "enc", "kid");
  private static final Set<String> PAYLOAD_FIELDS =
      Set.of("v", "name", "blob", "key", "size", "iat");

  private final MasterKeyRing keys;

  public CapsuleTokens(MasterKeyRing keys) {
    this.keys = keys;
  }

  /** A compact JWE holding {@code claims}, encrypted under the primary master key's derivation. */
  public String issue(CapsuleClaims claims) {
    String keyId = keys.primaryKeyId();
    JWEHeader header =
        new JWEHeader.Builder(JWEAlgorithm.A256KW, EncryptionMethod.A256GCM).keyID(keyId).build();
    byte[] dataKey = claims.key().exportSecretBytes();
    byte[] kek = keys.derivePrimarySubkey(PURPOSE);
    try {
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("v", FORMAT_VERSION);
      payload.put("name", claims.name());
      payload.put("blob", claims.blobId().value());
      payload.put("key", Base64.getUrlEncoder().withoutPadding().encodeToString(dataKey));
      payload.put("size", claims.size());
      payload.put("iat", claims.createdAt());
      JWEObject jwe = new JWEObject(header, new Payload(payload));
      jwe.encrypt(new AESEncrypter(kek));
      return jwe.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("capsule JWE encryption failed", e);
    } finally {
      Arrays.fill(dataKey, (byte) 0);
      Arrays.fill(kek, (byte) 0);
    }
  }

  /**
   * The claims of a token this server issued (under any master key still in the ring).
   *
   * @throws InvalidCapsuleTokenException for anything else
   */
  public CapsuleClaims open(String token) {
    if (token == null
        || token.length() > MAX_LENGTH
        || !COMPACT.matcher(token).matches()
        || !canonical(token)) {
      throw new InvalidCapsuleTokenException();
    }
    JWEObject jwe = parse(token);
    byte[] kek = wrappingKey(jwe.getHeader());
    try {
      jwe.decrypt(new AESDecrypter(kek));
    } catch (JOSEException | RuntimeException e) {
      throw new InvalidCapsuleTokenException();
    } finally {
      Arrays.fill(kek, (byte) 0);
    }
    return claims(jwe.getPayload().toJSONObject());
  }

  /**
   * Whether every part is canonical base64url (unused trailing bits zero), so no two different
   * strings are the same token.
   */
  private static boolean canonical(String token) {
    Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
    for (String part : token.split("\\.")) {
      try {
        if (!encoder.encodeToString(Base64.getUrlDecoder().decode(part)).equals(part)) {
          return false;
        }
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
    return true;
  }

  private static JWEObject parse(String token) {
    try {
      return JWEObject.parse(token);
    } catch (ParseException | RuntimeException e) {
      throw new InvalidCapsuleTokenException();
    }
  }

  private byte[] wrappingKey(JWEHeader header) {
    if (!HEADER_PARAMS.equals(header.getIncludedParams())
        || !JWEAlgorithm.A256KW.equals(header.getAlgorithm())
        || !EncryptionMethod.A256GCM.equals(header.getEncryptionMethod())
        || header.getKeyID() == null
        || !KEY_ID.matcher(header.getKeyID()).matches()) {
      throw new InvalidCapsuleTokenException();
    }
    try {
      return keys.deriveSubkey(header.getKeyID(), PURPOSE);
    } catch (KeyUnwrapException e) {
      throw new InvalidCapsuleTokenException();
    }
  }

  private static CapsuleClaims claims(Map<String, Object> payload) {
    if (payload == null || !PAYLOAD_FIELDS.equals(payload.keySet())) {
      throw new InvalidCapsuleTokenException();
    }
    if (!(payload.get("v") instanceof Number version)
        || version.longValue() != FORMAT_VERSION
        || !(payload.get("name") instanceof String name)
        || !(payload.get("blob") instanceof String blob)
        || !(payload.get("key") instanceof String key)
        || !(payload.get("size") instanceof Number size)
        || !(payload.get("iat") instanceof Number createdAt)
        || size.longValue() < 0) {
      throw new InvalidCapsuleTokenException();
    }
    byte[] keyBytes = null;
    try {
      keyBytes = Base64.getUrlDecoder().decode(key);
      return new CapsuleClaims(
          name,
          BlobId.parse(blob),
          DataKey.fromSecretBytes(keyBytes),
          size.longValue(),
          createdAt.longValue());
    } catch (IllegalArgumentException e) {
      throw new InvalidCapsuleTokenException();
    } finally {
      if (keyBytes != null) {
        Arrays.fill(keyBytes, (byte) 0);
      }
    }
  }
}
