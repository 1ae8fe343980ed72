package io.vaultdrop.shares.internal;

import io.vaultdrop.filenames.FileNames;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Entry names for the zip of a share: safe to extract anywhere and unique. Stored names are display
 * names already, but a zip entry is a path to whoever extracts it, so each name is made a plain
 * file name again here, whatever the database holds:
 *
 * <ul>
 *   <li>no directory part, no {@code ..}, no absolute or drive path: {@code / \ :} and the other
 *       characters Windows forbids ({@code * ? " < > |}) become {@code _}; control, format (bidi,
 *       zero-width, except the joiners scripts need), separator and unpaired surrogate characters
 *       are dropped; leading and trailing spaces and dots are trimmed;
 *   <li>Windows device names ({@code CON}, {@code NUL}, {@code COM1} …, with any extension) get a
 *       leading {@code _}; an empty result is {@code file}; at most 200 code points;
 *   <li>names equal ignoring case (Windows and macOS file systems) are numbered like a browser
 *       does: {@code a.txt}, {@code a (1).txt}, {@code a (2).txt}.
 * </ul>
 */
final class ZipNames {

  private static final Pattern DEVICE =
      Pattern.compile("(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])(\\..*)?");

  private ZipNames() {}

  /** Safe, unique names for {@code names}, in the same order. */
  static List<String> of(List<String> names) {
    Set<String> taken = new HashSet<>();
    List<String> unique = new ArrayList<>(names.size());
    for (String name : names) {
      String safe = safe(name);
      String candidate = safe;
      for (int n = 1; !taken.add(candidate.toLowerCase(Locale.ROOT)); n++) {
        candidate = numbered(safe, n);
      }
      unique.add(candidate);
    }
    return unique;
  }

  static String safe(String raw) {
    String name = Normalizer.normalize(raw, Normalizer.Form.NFC);
    StringBuilder kept = new StringBuilder(name.length());
    int count = 0;
    for (int i = 0; i < name.length() && count < FileNames.MAX_LENGTH; ) {
      int cp = name.codePointAt(i);
      i += Character.charCount(cp);
      if ("/\\:*?\"<>|".indexOf(cp) >= 0) {
        kept.append('_');
        count++;
      } else if (FileNames.isAllowed(cp)) {
        kept.appendCodePoint(FileNames.spaced(cp));
        count++;
      }
    }
    String trimmed = FileNames.trim(kept.toString());
    if (trimmed.isEmpty()) {
      return FileNames.FALLBACK;
    }
    return DEVICE.matcher(trimmed).matches() ? "_" + trimmed : trimmed;
  }

  private static String numbered(String name, int n) {
    int dot = name.lastIndexOf('.');
    if (dot <= 0) {
      return name + " (" + n + ")";
    }
    return name.substring(0, dot) + " (" + n + ")" + name.substring(dot);
  }
}
