package io.vaultdrop.library.internal.ooxml;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fixed sentences a refused upload is explained with (never quoting the file). A reason is a
 * message key of {@code messages-problems*.properties}, followed by its arguments, each after a
 * {@value #SEPARATOR} (numbers and format descriptions, which never contain one); {@code
 * DocumentStore} turns it into the problem's detail in the reader's language.
 */
final class Reasons {

  /** Separates the key and the arguments of a reason. */
  static final char SEPARATOR = '|';

  static final String EMPTY = "problem.library.empty";
  static final String LEGACY_OFFICE = "problem.library.legacy-office";
  static final String EXECUTABLE = "problem.library.executable";
  static final String HTML = "problem.library.html";
  static final String PDF = "problem.library.pdf";
  static final String RTF = "problem.library.rtf";
  static final String NOT_ZIP = "problem.library.not-zip";
  static final String EMPTY_ZIP = "problem.library.empty-zip";
  static final String DAMAGED = "problem.library.damaged";
  static final String BAD_NAME = "problem.library.bad-name";
  static final String DUPLICATE_NAME = "problem.library.duplicate-name";
  static final String CENTRAL_DIRECTORY_MISSING = "problem.library.central-directory-missing";
  static final String CENTRAL_DIRECTORY_MISMATCH = "problem.library.central-directory-mismatch";
  static final String NO_CONTENT_TYPES = "problem.library.no-content-types";
  static final String BAD_CONTENT_TYPES = "problem.library.bad-content-types";
  static final String BAD_RELATIONSHIPS = "problem.library.bad-relationships";
  static final String DOCTYPE = "problem.library.doctype";
  static final String NO_MAIN_RELATIONSHIP = "problem.library.no-main-relationship";
  static final String MAIN_PART_MISSING = "problem.library.main-part-missing";
  static final String MACROS = "problem.library.macros";
  static final String ACTIVE_X = "problem.library.active-x";
  static final String OLE_OBJECTS = "problem.library.ole-objects";
  static final String EMBEDDED_EXECUTABLE = "problem.library.embedded-executable";
  static final String EXTERNAL_RELATIONSHIP = "problem.library.external-relationship";

  private static final Pattern EXTENSION = Pattern.compile("\\((\\.[a-z]+)\\)$");

  private Reasons() {}

  static String tooManyEntries(int max) {
    return with("problem.library.too-many-entries", max);
  }

  static String tooLargeUncompressed(long max) {
    return with("problem.library.too-large-uncompressed", max);
  }

  static String compressionRatio(int max) {
    return with("problem.library.compression-ratio", max);
  }

  static String xmlPartTooLarge(int max) {
    return with("problem.library.xml-part-too-large", max);
  }

  static String centralDirectoryTooLarge(int max) {
    return with("problem.library.central-directory-too-large", max);
  }

  /** Arguments: both descriptions (English), then both extensions (for other languages). */
  static String wrongMainPart(String found, OfficeKind expected) {
    return with(
        "problem.library.wrong-main-part",
        found,
        expected.description(),
        extension(found),
        "." + expected.extension());
  }

  static String notMainPart(OfficeKind expected) {
    return with(
        "problem.library.not-main-part", expected.description(), "." + expected.extension());
  }

  private static String extension(String description) {
    Matcher matcher = EXTENSION.matcher(description);
    return matcher.find() ? matcher.group(1) : description;
  }

  private static String with(String key, Object... args) {
    StringBuilder reason = new StringBuilder(key);
    for (Object arg : args) {
      reason.append(SEPARATOR).append(arg);
    }
    return reason.toString();
  }
}
