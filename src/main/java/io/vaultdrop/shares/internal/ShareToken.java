package io.vaultdrop.shares.internal;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The secret a share link carries: {@code <id><secret>}, base64url without padding, 65 characters.
 * The first {@value #ID_LENGTH} characters are the lookup id (128 random bits, stored in the
 * database); the remaining {@value #SECRET_LENGTH} are the secret (256 random bits, never stored),
 * from which the file's data key and the stored verifier are derived.
 *
 * <p>{@link #toString()} never shows the secret.
 */
public final class ShareToken {

  public static final int ID_BYTES = 16;
  public static final int SECRET_BYTES = 32;
  public static final int ID_LENGTH = 22;
  public static final int SECRET_LENGTH = 43;
  public static final int LENGTH = ID_LENGTH + SECRET_LENGTH;

  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{" + LENGTH + "}");
  private static final Pattern ID_FORMAT = Pattern.compile("[A-Za-z0-9_-]{" + ID_LENGTH + "}");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private final String id;
  private final byte[] secret;

  private ShareToken(String id, byte[] secret) {
    this.id = id;
    this.secret = secret;
  }

  /** A fresh random token. */
  public static ShareToken generate() {
    byte[] id = new byte[ID_BYTES];
    byte[] secret = new byte[SECRET_BYTES];
    RANDOM.nextBytes(id);
    RANDOM.nextBytes(secret);
    return new ShareToken(ENCODER.encodeToString(id), secret);
  }

  /** The token in {@code text}, or empty when it is not a well-formed token. */
  public static Optional<ShareToken> parse(String text) {
    if (text == null || !FORMAT.matcher(text).matches()) {
      return Optional.empty();
    }
    String id = text.substring(0, ID_LENGTH);
    try {
      byte[] idBytes = Base64.getUrlDecoder().decode(id);
      byte[] secret = Base64.getUrlDecoder().decode(text.substring(ID_LENGTH));
      // Reject non-canonical encodings (unused trailing bits), so one share has one token.
      if (idBytes.length != ID_BYTES
          || secret.length != SECRET_BYTES
          || !ENCODER.encodeToString(idBytes).equals(id)
          || !ENCODER.encodeToString(secret).equals(text.substring(ID_LENGTH))) {
        return Optional.empty();
      }
      return Optional.of(new ShareToken(id, secret));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Whether {@code text} looks like a bare lookup id (what an owner's list shows). */
  public static boolean isId(String text) {
    return text != null && ID_FORMAT.matcher(text).matches();
  }

  public String id() {
    return id;
  }

  /** A copy of the secret half. */
  public byte[] secret() {
    return secret.clone();
  }

  /** The whole token, for the link given to the creator. */
  public String encoded() {
    return id + ENCODER.encodeToString(secret);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ShareToken that
        && id.equals(that.id)
        && java.security.MessageDigest.isEqual(secret, that.secret);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "ShareToken[id=" + id + ", secret=***]";
  }

  void destroy() {
    Arrays.fill(secret, (byte) 0);
  }
}
