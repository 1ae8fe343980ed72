package io.vaultdrop.library.internal;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import io.vaultdrop.crypto.KeyUnwrapException;
import io.vaultdrop.crypto.MasterKeyRing;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * The opaque token of a library download link: a compact JWE (Nimbus JOSE+JWT), {@code alg} =
 * {@code dir}, {@code enc} = {@code A256GCM}, under a key derived from the master key (HKDF,
 * purpose {@value #PURPOSE}); {@code kid} names the master key, so links issued before a rotation
 * keep working while the old key stays in the ring. The encrypted payload binds the link:
 *
 * <pre>
 * {@code {"v":1,"doc":"<document id>","rev":<revision>,"sub":"<user id>","exp":<epoch s>,"jti":"<random>"}}
 * </pre>
 *
 * <p>Nothing is stored per link. A link works for its user only, until {@code exp}, and only for
 * the revision it names. Opening is strict and fails the same way (empty) for every cause: length
 * and alphabet checked before parsing, canonical base64url, a protected header of exactly {@code
 * alg}, {@code enc}, {@code kid} with the expected values (no {@code zip}, {@code jwk}, {@code
 * crit}…), a {@link DirectDecrypter} for the derived key only, then a payload of exactly the fields
 * above.
 */
@Component
public final class DownloadLinks {

  /** HKDF purpose label of the link key. */
  public static final String PURPOSE = "vaultdrop/library-download-link/v1";

  static final int MAX_LENGTH = 2048;
  private static final int VERSION = 1;
  private static final Pattern COMPACT =
      Pattern.compile("[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
  private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{16}");
  private static final Set<String> HEADER_PARAMS = Set.of("alg", "enc", "kid");
  private static final Set<String> FIELDS = Set.of("v", "doc", "rev", "sub", "exp", "jti");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final MasterKeyRing keys;
  private final Clock clock;

  DownloadLinks(MasterKeyRing keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
  }

  /** What a valid link grants: one user, one revision of one document, until {@code expires}. */
  public record Grant(String documentId, int revision, String userId, Instant expires) {}

  /** A new token for {@code grant}. */
  public String issue(Grant grant) {
    String keyId = keys.primaryKeyId();
    JWEHeader header =
        new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM).keyID(keyId).build();
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("v", VERSION);
    payload.put("doc", grant.documentId());
    payload.put("rev", grant.revision());
    payload.put("sub", grant.userId());
    payload.put("exp", grant.expires().getEpochSecond());
    byte[] jti = new byte[16];
    RANDOM.nextBytes(jti);
    payload.put("jti", Base64.getUrlEncoder().withoutPadding().encodeToString(jti));
    byte[] key = keys.derivePrimarySubkey(PURPOSE);
    try {
      JWEObject jwe = new JWEObject(header, new Payload(payload));
      jwe.encrypt(new DirectEncrypter(new SecretKeySpec(key, "AES")));
      return jwe.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("download link encryption failed", e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** The grant of a token this server issued that has not expired; empty for anything else. */
  public Optional<Grant> open(String token) {
    if (token == null
        || token.length() > MAX_LENGTH
        || !COMPACT.matcher(token).matches()
        || !canonical(token)) {
      return Optional.empty();
    }
    JWEObject jwe;
    try {
      jwe = JWEObject.parse(token);
    } catch (ParseException | RuntimeException e) {
      return Optional.empty();
    }
    JWEHeader header = jwe.getHeader();
    if (!HEADER_PARAMS.equals(header.getIncludedParams())
        || !JWEAlgorithm.DIR.equals(header.getAlgorithm())
        || !EncryptionMethod.A256GCM.equals(header.getEncryptionMethod())
        || header.getKeyID() == null
        || !KEY_ID.matcher(header.getKeyID()).matches()) {
      return Optional.empty();
    }
    byte[] key;
    try {
      key = keys.deriveSubkey(header.getKeyID(), PURPOSE);
    } catch (KeyUnwrapException e) {
      return Optional.empty();
    }
    try {
      jwe.decrypt(new DirectDecrypter(new SecretKeySpec(key, "AES")));
    } catch (JOSEException | RuntimeException e) {
      return Optional.empty();
    } finally {
      Arrays.fill(key, (byte) 0);
    }
    return grant(jwe.getPayload().toJSONObject())
        .filter(g -> clock.instant().isBefore(g.expires()));
  }

  /** When a link issued now expires. */
  Instant expiry(Duration lifetime) {
    return clock.instant().plus(lifetime);
  }

  private static Optional<Grant> grant(Map<String, Object> payload) {
    if (payload == null || !FIELDS.equals(payload.keySet())) {
      return Optional.empty();
    }
    if (!(payload.get("v") instanceof Number version)
        || version.longValue() != VERSION
        || !(payload.get("doc") instanceof String document)
        || !(payload.get("rev") instanceof Number revision)
        || !(payload.get("sub") instanceof String user)
        || !(payload.get("exp") instanceof Number expires)
        || !(payload.get("jti") instanceof String)
        || revision.longValue() < 1
        || revision.longValue() > Integer.MAX_VALUE) {
      return Optional.empty();
    }
    return Optional.of(
        new Grant(document, revision.intValue(), user, Instant.ofEpochSecond(expires.longValue())));
  }

  /** Every part canonical base64url, so no two different strings are the same link. */
  private static boolean canonical(String token) {
    Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
    for (String part : token.split("\\.", -1)) {
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
}
