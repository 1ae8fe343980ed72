package io.vaultdrop.shares.internal;

import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.passwords.PasswordWork;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.springframework.stereotype.Component;

/**
 * Every key and verifier of a share, derived with HKDF-SHA-256 (and Argon2id for passwords). The
 * {@code info} of each derivation names its purpose and the share id, so outputs for different
 * purposes or shares are independent:
 *
 * <ul>
 *   <li>token verifier = HKDF(ikm = link secret, info = "vaultdrop/share/token-verifier/v1|" + id):
 *       stored; proves a link without trial decryption
 *   <li>password key P = Argon2id(password, salt, m = 19 MiB, t = 2, p = 1), never stored
 *   <li>password verifier = HKDF(ikm = P, salt = link secret, info =
 *       "vaultdrop/share/password-verifier/v1|" + id): stored; useless without the link, so a
 *       database copy does not even allow an offline password guess
 *   <li>data key = HKDF(ikm = link secret || P, info = "vaultdrop/share/data-key/v1|" + id (+
 *       "|password")): never stored
 *   <li>checksum key = HKDF(the same input, info = "vaultdrop/share/file-checksum/v1|" + id (+
 *       "|password")): never stored; seals the CRC-32 of each file ({@link SealedChecksum})
 * </ul>
 */
@Component
public final class ShareKeys {

  static final int ARGON2_MEMORY_KIB = 19 * 1024;
  static final int ARGON2_ITERATIONS = 2;
  static final int ARGON2_PARALLELISM = 1;
  private static final int SALT_BYTES = 16;
  private static final int KEY_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final PasswordWork work;

  ShareKeys(PasswordWork work) {
    this.work = work;
  }

  /** Salt and cost of a password's Argon2id derivation, as stored. */
  public record PasswordParameters(byte[] salt, int memoryKib, int iterations, int parallelism) {

    static PasswordParameters fresh() {
      byte[] salt = new byte[SALT_BYTES];
      RANDOM.nextBytes(salt);
      return new PasswordParameters(salt, ARGON2_MEMORY_KIB, ARGON2_ITERATIONS, ARGON2_PARALLELISM);
    }

    String encodedSalt() {
      return B64.encodeToString(salt);
    }

    static PasswordParameters decode(String salt, int memoryKib, int iterations, int parallelism) {
      return new PasswordParameters(
          Base64.getUrlDecoder().decode(salt), memoryKib, iterations, parallelism);
    }
  }

  /** The verifier of a link secret, as stored. */
  public String tokenVerifier(ShareToken token) {
    byte[] secret = token.secret();
    try {
      return B64.encodeToString(hkdf(secret, null, "token-verifier", token.id()));
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  /**
   * The Argon2id key of a password ({@code P}); the caller wipes it. It is derived on the bounded
   * password-check pool shared with logins ({@link PasswordWork}).
   *
   * @throws PasswordWork.Busy (429 {@code busy}) when the pool is full: nothing was checked or
   *     counted
   */
  public byte[] passwordKey(String password, PasswordParameters parameters) {
    return work.run(() -> derive(password, parameters));
  }

  private static byte[] derive(String password, PasswordParameters parameters) {
    Argon2Parameters argon =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withSalt(parameters.salt())
            .withMemoryAsKB(parameters.memoryKib())
            .withIterations(parameters.iterations())
            .withParallelism(parameters.parallelism())
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(argon);
    byte[] out = new byte[KEY_BYTES];
    byte[] passwordBytes = password.getBytes(StandardCharsets.UTF_8);
    try {
      generator.generateBytes(passwordBytes, out);
    } finally {
      Arrays.fill(passwordBytes, (byte) 0);
    }
    return out;
  }

  /** The stored verifier of a password: needs both the password key and the link secret. */
  public String passwordVerifier(ShareToken token, byte[] passwordKey) {
    byte[] secret = token.secret();
    try {
      return B64.encodeToString(hkdf(passwordKey, secret, "password-verifier", token.id()));
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  /**
   * The file's data key: from the link secret, and from the password key when the share has a
   * password ({@code passwordKey} may be {@code null}).
   */
  public DataKey dataKey(ShareToken token, byte[] passwordKey) {
    byte[] secret = token.secret();
    byte[] ikm = passwordKey == null ? secret : concat(secret, passwordKey);
    byte[] key =
        hkdf(ikm, null, passwordKey == null ? "data-key" : "data-key-password", token.id());
    try {
      return DataKey.fromSecretBytes(key);
    } finally {
      Arrays.fill(secret, (byte) 0);
      Arrays.fill(ikm, (byte) 0);
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * The key that seals each file's CRC-32 ({@link SealedChecksum}), derived like the data key but
   * for its own purpose. The caller wipes it.
   */
  public byte[] checksumKey(ShareToken token, byte[] passwordKey) {
    byte[] secret = token.secret();
    byte[] ikm = passwordKey == null ? secret : concat(secret, passwordKey);
    try {
      return hkdf(
          ikm, null, passwordKey == null ? "file-checksum" : "file-checksum-password", token.id());
    } finally {
      Arrays.fill(secret, (byte) 0);
      Arrays.fill(ikm, (byte) 0);
    }
  }

  /** A fresh revoke token (base64url, 256 bits). */
  public String newRevokeToken() {
    byte[] bytes = new byte[KEY_BYTES];
    RANDOM.nextBytes(bytes);
    return B64.encodeToString(bytes);
  }

  /** The stored form of a revoke token. */
  public String revokeHash(String revokeToken) {
    try {
      return B64.encodeToString(
          MessageDigest.getInstance("SHA-256")
              .digest(revokeToken.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Constant-time comparison of two stored-form values. */
  public static boolean matches(String expected, String actual) {
    if (expected == null || actual == null) {
      return false;
    }
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII), actual.getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] hkdf(byte[] ikm, byte[] salt, String purpose, String shareId) {
    HKDFBytesGenerator generator = new HKDFBytesGenerator(new SHA256Digest());
    byte[] info =
        ("vaultdrop/share/" + purpose + "/v1|" + shareId).getBytes(StandardCharsets.UTF_8);
    generator.init(new HKDFParameters(ikm, salt, info));
    byte[] out = new byte[KEY_BYTES];
    generator.generateBytes(out, 0, out.length);
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
