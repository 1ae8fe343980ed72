package io.vaultdrop.library.internal.ooxml;

/** The fixed sentences a refused upload is explained with (never quoting the file). */
final class Reasons {

  static final String EMPTY = "The file is empty.";
  static final String LEGACY_OFFICE =
      "The file is a legacy Office document (.doc, .xls or .ppt, an OLE2 compound file);"
          + " save it as .docx, .xlsx or .pptx.";
  static final String EXECUTABLE = "The file is an executable program, not an Office document.";
  static final String HTML = "The file is HTML or XML text, not an Office Open XML package.";
  static final String PDF = "The file is a PDF, not an Office Open XML package.";
  static final String RTF = "The file is an RTF document, not an Office Open XML package.";
  static final String NOT_ZIP = "The file is not an Office Open XML package (not a ZIP archive).";
  static final String EMPTY_ZIP = "The ZIP archive is empty.";
  static final String DAMAGED =
      "The ZIP structure is damaged or uses features Office documents never use"
          + " (encryption, unusual compression, split archives).";
  static final String BAD_NAME =
      "The package contains an entry name that is not allowed (absolute path, '..' or '.'"
          + " segment, backslash, drive letter or control character).";
  static final String DUPLICATE_NAME = "The package contains two entries with the same name.";
  static final String CENTRAL_DIRECTORY_MISSING =
      "The ZIP central directory is missing, damaged or ambiguous.";
  static final String CENTRAL_DIRECTORY_MISMATCH =
      "The ZIP central directory does not describe the same entries as the archive itself"
          + " (a disguised archive).";
  static final String NO_CONTENT_TYPES = "The package has no [Content_Types].xml part.";
  static final String BAD_CONTENT_TYPES = "The [Content_Types].xml part is not valid.";
  static final String BAD_RELATIONSHIPS = "A relationships part (.rels) is not valid.";
  static final String DOCTYPE =
      "An XML part declares a document type (DTD); Office documents never do.";
  static final String NO_MAIN_RELATIONSHIP =
      "The package has no single main document relationship in _rels/.rels.";
  static final String MAIN_PART_MISSING =
      "The main document part named by _rels/.rels is missing from the package.";
  static final String MACROS =
      "The package contains macros (a VBA project or macro sheets); macro-enabled files are not"
          + " accepted.";
  static final String ACTIVE_X = "The package contains ActiveX controls.";
  static final String OLE_OBJECTS = "The package contains embedded OLE objects.";
  static final String EMBEDDED_EXECUTABLE = "The package contains an embedded executable file.";
  static final String EXTERNAL_RELATIONSHIP =
      "The package refers to an external resource (a relationship with TargetMode=\"External\").";

  private Reasons() {}

  static String tooManyEntries(int max) {
    return "The package has more than " + max + " entries.";
  }

  static String tooLargeUncompressed(long max) {
    return "The package expands to more than " + max + " bytes (a possible zip bomb).";
  }

  static String compressionRatio(int max) {
    return "An entry is compressed more than "
        + max
        + " to 1, far more than any Office part (a possible zip bomb).";
  }

  static String xmlPartTooLarge(int max) {
    return "An XML part that must be checked is larger than " + max + " bytes.";
  }

  static String centralDirectoryTooLarge(int max) {
    return "The ZIP central directory is larger than " + max + " bytes.";
  }

  static String wrongMainPart(String found, OfficeKind expected) {
    return "The content is " + found + ", not " + expected.description() + ".";
  }

  static String notMainPart(OfficeKind expected) {
    return "The main part of the package is not that of " + expected.description() + ".";
  }
}
