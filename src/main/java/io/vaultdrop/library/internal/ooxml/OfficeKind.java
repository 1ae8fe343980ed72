package io.vaultdrop.library.internal.ooxml;

import java.util.Locale;
import java.util.Optional;

/**
 * The Office Open XML document kinds the library accepts. The kind of an upload comes from its file
 * name; {@link OoxmlValidator} then proves that the content really is that kind.
 */
public enum OfficeKind {
  DOCX(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
      "a Word document (.docx)"),
  XLSX(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
      "an Excel workbook (.xlsx)"),
  PPTX(
      "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
      "a PowerPoint presentation (.pptx)");

  private final String mainContentType;
  private final String description;

  OfficeKind(String mainContentType, String description) {
    this.mainContentType = mainContentType;
    this.description = description;
  }

  /**
   * The file name extension without the dot, lower case: {@code docx}, {@code xlsx}, {@code pptx}.
   */
  public String extension() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The content type the package's main part must declare. */
  public String mainContentType() {
    return mainContentType;
  }

  /** For people, e.g. "a Word document (.docx)". */
  public String description() {
    return description;
  }

  /** The kind named by the extension of {@code fileName} (case-insensitive), if any. */
  public static Optional<OfficeKind> ofFileName(String fileName) {
    if (fileName == null) {
      return Optional.empty();
    }
    int dot = fileName.lastIndexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    String extension = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    for (OfficeKind kind : values()) {
      if (kind.extension().equals(extension)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
