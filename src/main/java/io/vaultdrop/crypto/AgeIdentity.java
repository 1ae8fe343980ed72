package io.vaultdrop.crypto;

import com.exceptionfactory.jagged.bech32.Bech32;
import com.exceptionfactory.jagged.bech32.Bech32Address;
import com.exceptionfactory.jagged.x25519.X25519KeyFactory;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Locale;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.Destroyable;

/**
 * An age v1 X25519 identity (private key) with its recipient (public key).
 *
 * <p>A secret type: {@link #toString()} shows only the recipient. The standard {@code
 * AGE-SECRET-KEY-1…} form, as written by {@code age-keygen} and read by {@code age -d -i}, is
 * available through {@link #exportSecretKey()}; the raw 32 bytes through {@link
 * #exportSecretBytes()} (for sealing under the master key ring).
 */
public final class AgeIdentity implements Destroyable {

  /** Length of the raw X25519 private key in bytes. */
  public static final int LENGTH = 32;

  private static final String SECRET_PREFIX = "AGE-SECRET-KEY-";

  private final SecretBytes secret;
  private final String recipient;

  private AgeIdentity(SecretBytes secret) {
    this.secret = secret;
    this.recipient = deriveRecipient();
  }

  /** A fresh identity from {@link java.security.SecureRandom}. */
  public static AgeIdentity generate() {
    return new AgeIdentity(SecretBytes.random(LENGTH));
  }

  /**
   * The identity with the given raw X25519 private key.
   *
   * @throws IllegalArgumentException unless exactly {@value #LENGTH} bytes
   */
  public static AgeIdentity fromSecretBytes(byte[] bytes) {
    return new AgeIdentity(SecretBytes.copyOf(bytes, LENGTH, "age identity"));
  }

  /**
   * Parses an {@code AGE-SECRET-KEY-1…} string (one line of an age key file).
   *
   * @throws IllegalArgumentException if it is not a valid X25519 identity; the message never
   *     repeats the input
   */
  public static AgeIdentity parse(CharSequence encoded) {
    Bech32Address address;
    try {
      address = Bech32.getDecoder().decode(encoded.toString().strip());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not an age identity (invalid Bech32)");
    }
    if (!SECRET_PREFIX.equalsIgnoreCase(address.getHumanReadablePart().toString())) {
      throw new IllegalArgumentException("not an age X25519 identity (expected AGE-SECRET-KEY-1)");
    }
    byte[] data = address.getData();
    try {
      return fromSecretBytes(data);
    } finally {
      Arrays.fill(data, (byte) 0);
    }
  }

  /** The recipient ({@code age1…}) to encrypt to this identity. */
  public String recipient() {
    return recipient;
  }

  /** The standard {@code AGE-SECRET-KEY-1…} form. Handle like the key itself. */
  public String exportSecretKey() {
    byte[] bytes = secret.copy("age identity");
    try {
      return Bech32.getEncoder().encode(SECRET_PREFIX, bytes).toString().toUpperCase(Locale.ROOT);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** A copy of the raw private key; wipe it when done. */
  public byte[] exportSecretBytes() {
    return secret.copy("age identity");
  }

  @Override
  public void destroy() {
    secret.destroy();
  }

  @Override
  public boolean isDestroyed() {
    return secret.isDestroyed();
  }

  @Override
  public String toString() {
    return "AgeIdentity[recipient=" + recipient + "]";
  }

  private String deriveRecipient() {
    byte[] ascii = exportSecretKey().getBytes(StandardCharsets.US_ASCII);
    try {
      return new X25519KeyFactory().translateKey(new SecretKeySpec(ascii, "X25519")).toString();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("X25519 unavailable", e);
    } finally {
      Arrays.fill(ascii, (byte) 0);
    }
  }
}
