package io.vaultdrop.accounts.apikeys;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The text of a key: {@code vdk_<id>_<secret>}, where {@code id} is the 32 hex digits of the stored
 * row (128 random bits, the look-up key) and {@code secret} 256 random bits in unpadded base64url
 * (43 characters); 80 characters in all. The {@code vdk_} prefix lets secret scanners recognise a
 * leaked key, and lets the server tell a key from a JWT without parsing either.
 */
public final class ApiKeyFormat {

  private static final String PREFIX = "vdk_";
  private static final int LENGTH = 80;
  private static final int ID_BYTES = 16;
  private static final int SECRET_BYTES = 32;
  private static final Pattern SHAPE =
      Pattern.compile("vdk_([0-9a-f]{32})_[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]");
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeyFormat() {}

  /** Whether a bearer token is meant as an API key (it may still be malformed or unknown). */
  public static boolean isApiKey(String bearer) {
    return bearer.startsWith(PREFIX);
  }

  /** A fresh random row id. */
  static String newId() {
    byte[] id = new byte[ID_BYTES];
    RANDOM.nextBytes(id);
    return HexFormat.of().formatHex(id);
  }

  /** A new key text for the row {@code id}. */
  static String newKey(String id) {
    byte[] secret = new byte[SECRET_BYTES];
    RANDOM.nextBytes(secret);
    return PREFIX + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  /** The row id a well-formed key names; empty for anything else. */
  static Optional<String> idOf(String key) {
    if (key.length() != LENGTH) {
      return Optional.empty();
    }
    var matcher = SHAPE.matcher(key);
    return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
  }
}
