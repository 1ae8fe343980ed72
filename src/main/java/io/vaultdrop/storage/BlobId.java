package io.vaultdrop.storage;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Name of a stored blob: 128 bits from {@link SecureRandom}, written as 32 lowercase hexadecimal
 * characters.
 *
 * <p>The form is URL-safe, case-insensitive-safe (MariaDB collations, macOS file systems) and can
 * never contain a path separator, a dot or anything a user typed: {@link #parse} accepts nothing
 * else, so a blob id is always safe to use as a file name, an object key or a SQL value. The
 * rejection message never echoes the input.
 */
public record BlobId(String value) implements Comparable<BlobId> {

  private static final int BYTES = 16;
  private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{" + (BYTES * 2) + "}");
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * @throws IllegalArgumentException unless {@code value} is exactly 32 lowercase hex characters
   */
  public BlobId {
    Objects.requireNonNull(value, "value");
    if (!FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("malformed blob id");
    }
  }

  /** A fresh id that no one has seen before (collisions are as likely as guessing a key). */
  public static BlobId random() {
    byte[] bytes = new byte[BYTES];
    RANDOM.nextBytes(bytes);
    return new BlobId(HexFormat.of().formatHex(bytes));
  }

  /**
   * Reads an id from untrusted text (a database column, a JWE payload, a file name).
   *
   * @throws IllegalArgumentException unless {@code text} is a well-formed id
   */
  public static BlobId parse(String text) {
    return new BlobId(text);
  }

  /** Whether {@code text} is a well-formed id; used to skip foreign entries when listing. */
  public static boolean isValid(String text) {
    return text != null && FORMAT.matcher(text).matches();
  }

  @Override
  public int compareTo(BlobId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
