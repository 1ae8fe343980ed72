package io.vaultdrop.library.internal.ooxml;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Checks ZIP entry names as they arrive: relative forward-slash paths without {@code .} or {@code
 * ..} segments, empty segments, backslashes, drive letters or control characters (the "zip slip"
 * family), and no two names that differ only in ASCII case (Office Open XML part names are
 * case-insensitive, so such twins are ambiguous).
 */
final class EntryNames {

  static final int MAX_NAME_LENGTH = 1024;

  private final Set<String> seen = new HashSet<>();

  /**
   * @throws RejectedPackageException for a bad or repeated name
   */
  void add(String name) throws RejectedPackageException {
    if (!isSafe(name)) {
      throw new RejectedPackageException(Reasons.BAD_NAME);
    }
    if (!seen.add(key(name))) {
      throw new RejectedPackageException(Reasons.DUPLICATE_NAME);
    }
  }

  /** Whether {@code name} (case-insensitively) was added. */
  boolean contains(String name) {
    return seen.contains(key(name));
  }

  static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  static boolean isSafe(String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
      return false;
    }
    if (name.startsWith("/") || name.indexOf('\\') >= 0) {
      return false;
    }
    if (name.length() >= 2 && name.charAt(1) == ':' && isAsciiLetter(name.charAt(0))) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        return false;
      }
    }
    // A directory entry ends with '/': that one empty last segment is fine.
    String path = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
