package io.vaultdrop.crypto.internal;

import com.exceptionfactory.jagged.bech32.Bech32;
import com.google.crypto.tink.subtle.Hkdf;
import io.vaultdrop.crypto.AgeIdentity;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds age v1 files piece by piece from the spec (age.md) with JCE primitives, so tests can make
 * the malformed streams of the C2SP CCTV age vectors that no conforming encryptor writes.
 */
final class AgeTestFile {

  static final int CHUNK = 64 * 1024;
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] fileKey = new byte[16];
  private final byte[] nonce = new byte[16];
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final byte[] payloadKey;
  private byte[] headerWithoutMacLine;

  AgeTestFile(AgeIdentity identity) throws GeneralSecurityException {
    RANDOM.nextBytes(fileKey);
    RANDOM.nextBytes(nonce);
    byte[] recipient = Bech32.getDecoder().decode(identity.recipient()).getData();
    byte[] ephemeral = new byte[32];
    RANDOM.nextBytes(ephemeral);
    byte[] share = x25519(ephemeral, basePoint());
    byte[] shared = x25519(ephemeral, recipient);
    byte[] wrapKey =
        Hkdf.computeHkdf(
            "HMACSHA256",
            shared,
            concat(share, recipient),
            ascii("age-encryption.org/v1/X25519"),
            32);
    byte[] body = chacha(wrapKey, new byte[12], fileKey);
    headerWithoutMacLine =
        concat(
            ascii("age-encryption.org/v1\n-> X25519 " + B64.encodeToString(share) + "\n"),
            ascii(B64.encodeToString(body) + "\n---"));
    payloadKey = Hkdf.computeHkdf("HMACSHA256", fileKey, nonce, ascii("payload"), 32);
  }

  /** The header with its correct MAC line. */
  AgeTestFile header() throws GeneralSecurityException {
    return headerWithMacLine(" " + B64.encodeToString(mac()) + "\n");
  }

  /** The header followed by {@code macLine} (starting after {@code "---"}). */
  AgeTestFile headerWithMacLine(String macLine) {
    out.writeBytes(headerWithoutMacLine);
    out.writeBytes(ascii(macLine));
    return this;
  }

  byte[] mac() throws GeneralSecurityException {
    byte[] macKey = Hkdf.computeHkdf("HMACSHA256", fileKey, new byte[0], ascii("header"), 32);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(macKey, "HmacSHA256"));
    return mac.doFinal(headerWithoutMacLine);
  }

  AgeTestFile nonce() {
    out.writeBytes(nonce);
    return this;
  }

  /** Encrypts {@code plaintext} as chunk number {@code counter}. */
  AgeTestFile chunk(long counter, byte[] plaintext, boolean last) throws GeneralSecurityException {
    byte[] chunkNonce =
        ByteBuffer.allocate(12).putLong(3, counter).put(11, (byte) (last ? 1 : 0)).array();
    out.writeBytes(chacha(payloadKey, chunkNonce, plaintext));
    return this;
  }

  AgeTestFile raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  byte[] bytes() {
    return out.toByteArray();
  }

  private static byte[] x25519(byte[] scalar, byte[] u) throws GeneralSecurityException {
    KeyFactory factory = KeyFactory.getInstance("XDH");
    var privateKey =
        factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar));
    byte[] littleEndian = u.clone();
    littleEndian[31] &= 0x7f;
    byte[] bigEndian = new byte[32];
    for (int i = 0; i < 32; i++) {
      bigEndian[i] = littleEndian[31 - i];
    }
    var publicKey =
        factory.generatePublic(
            new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, bigEndian)));
    KeyAgreement agreement = KeyAgreement.getInstance("XDH");
    agreement.init(privateKey);
    agreement.doPhase(publicKey, true);
    return agreement.generateSecret();
  }

  private static byte[] basePoint() {
    byte[] nine = new byte[32];
    nine[0] = 9;
    return nine;
  }

  private static byte[] chacha(byte[] key, byte[] nonce, byte[] plaintext)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
    cipher.init(
        Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
    return cipher.doFinal(plaintext);
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
