package io.vaultdrop.filenames;

import java.text.Normalizer;
import org.jspecify.annotations.Nullable;

/**
 * Turns a client-supplied file name into a name fit for display and for {@code
 * Content-Disposition}: the last path segment only, NFC-normalised, without control, format (bidi
 * overrides, zero-width), line/paragraph separator or unpaired surrogate characters, without
 * leading/trailing spaces and dots, at most {@value #MAX_LENGTH} code points. Letters of every
 * script are kept.
 *
 * <p>The result is for people, not for file systems: never build a path from it.
 */
public final class FileNames {

  /** Longest display name, in code points. */
  public static final int MAX_LENGTH = 200;

  /** Name used when nothing displayable is left. */
  public static final String FALLBACK = "file";

  private FileNames() {}

  public static String displayName(@Nullable String raw) {
    if (raw == null) {
      return FALLBACK;
    }
    String name = Normalizer.normalize(lastSegment(raw), Normalizer.Form.NFC);
    StringBuilder kept = new StringBuilder(Math.min(name.length(), MAX_LENGTH * 2));
    int count = 0;
    for (int i = 0; i < name.length() && count < MAX_LENGTH; ) {
      int cp = name.codePointAt(i);
      i += Character.charCount(cp);
      if (isAllowed(cp)) {
        kept.appendCodePoint(spaced(cp));
        count++;
      }
    }
    String trimmed = trim(kept.toString());
    return trimmed.isEmpty() ? FALLBACK : trimmed;
  }

  /** Every kind of space (tab, no-break, ideographic) as a plain space; other code points as is. */
  public static int spaced(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp) ? ' ' : cp;
  }

  private static String lastSegment(String raw) {
    int cut = Math.max(raw.lastIndexOf('/'), raw.lastIndexOf('\\'));
    return raw.substring(cut + 1);
  }

  /**
   * Whether a code point may stay in a name: not a control, format (but the zero-width
   * (non-)joiners), separator, surrogate, unassigned or private-use character.
   */
  public static boolean isAllowed(int cp) {
    return switch (Character.getType(cp)) {
      case Character.CONTROL,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.SURROGATE,
          Character.UNASSIGNED,
          Character.PRIVATE_USE ->
          false;
      // Format characters (bidi overrides and isolates, zero-width spaces) can disguise a name;
      // zero-width (non-)joiners are kept because scripts and emoji need them.
      case Character.FORMAT -> cp == 0x200C || cp == 0x200D;
      default -> true;
    };
  }

  /** {@code name} without leading and trailing spaces and dots. */
  public static String trim(String name) {
    int start = 0;
    int end = name.length();
    while (start < end && (name.charAt(start) == ' ' || name.charAt(start) == '.')) {
      start++;
    }
    while (end > start && (name.charAt(end - 1) == ' ' || name.charAt(end - 1) == '.')) {
      end--;
    }
    return name.substring(start, end);
  }
}
