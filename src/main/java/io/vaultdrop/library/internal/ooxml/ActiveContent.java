package io.vaultdrop.library.internal.ooxml;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Parts that can run code or pull in code when the document is opened, recognised three ways so
 * that lying about one of them does not help: by entry name, by declared content type and by
 * relationship type. Refused:
 *
 * <ul>
 *   <li>macros: VBA projects ({@code vbaProject*.bin}, {@code vbaData.xml}), Excel 4.0 macro sheets
 *       ({@code macrosheets/}), any {@code macroEnabled} content type, embedded macro-enabled or
 *       binary Office files ({@code .docm}, {@code .xlsm}, {@code .xlsb}, …);
 *   <li>ActiveX controls ({@code activeX/} parts, {@code activeX} content and relationship types);
 *   <li>embedded OLE objects ({@code oleObject*.bin}, any {@code .bin} under {@code embeddings/},
 *       the {@code oleObject} content and relationship types): OLE "Package" objects carry
 *       arbitrary programs;
 *   <li>embedded executables and scripts by extension ({@code .exe}, {@code .js}, {@code .hta}, …).
 * </ul>
 *
 * <p>Kept: images, charts, embedded plain {@code .docx}/{@code .xlsx}/{@code .pptx} packages (a
 * chart's data), printer settings ({@code printerSettings*.bin}), custom XML, fonts.
 */
final class ActiveContent {

  private static final Set<String> MACRO_EXTENSIONS =
      Set.of(
          "docm", "dotm", "xlsm", "xltm", "xlam", "xlsb", "pptm", "potm", "ppsm", "ppam", "sldm");
  private static final Set<String> EXECUTABLE_EXTENSIONS =
      Set.of(
          "exe",
          "dll",
          "scr",
          "com",
          "pif",
          "cpl",
          "msi",
          "msp",
          "bat",
          "cmd",
          "ps1",
          "vbs",
          "vbe",
          "js",
          "jse",
          "wsf",
          "wsh",
          "hta",
          "jar",
          "lnk",
          "sh",
          "reg",
          "inf",
          "application");

  private ActiveContent() {}

  /** Why the entry {@code name} is refused, if it is. */
  static Optional<String> byName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    String file = lower.substring(lower.lastIndexOf('/') + 1);
    String extension = file.contains(".") ? file.substring(file.lastIndexOf('.') + 1) : "";
    String folder = lower.contains("/") ? lower.substring(0, lower.lastIndexOf('/') + 1) : "";
    if ((file.startsWith("vbaproject") && extension.equals("bin"))
        || file.equals("vbadata.xml")
        || folder.contains("macrosheets/")
        || MACRO_EXTENSIONS.contains(extension)) {
      return Optional.of(Reasons.MACROS);
    }
    if (folder.contains("activex/") || file.startsWith("activex")) {
      return Optional.of(Reasons.ACTIVE_X);
    }
    if (file.startsWith("oleobject")
        || (folder.contains("embeddings/") && extension.equals("bin"))) {
      return Optional.of(Reasons.OLE_OBJECTS);
    }
    if (EXECUTABLE_EXTENSIONS.contains(extension)) {
      return Optional.of(Reasons.EMBEDDED_EXECUTABLE);
    }
    return Optional.empty();
  }

  /** Why a declared (normalised) content type is refused, if it is. */
  static Optional<String> byContentType(String contentType) {
    return byKeyword(contentType);
  }

  /** Why a relationship type is refused, if it is. */
  static Optional<String> byRelationshipType(String type) {
    return byKeyword(type.toLowerCase(Locale.ROOT));
  }

  private static Optional<String> byKeyword(String lower) {
    if (lower.contains("macroenabled")
        || lower.contains("vbaproject")
        || lower.contains("vbadata")
        || lower.contains("macrosheet")) {
      return Optional.of(Reasons.MACROS);
    }
    if (lower.contains("activex")) {
      return Optional.of(Reasons.ACTIVE_X);
    }
    if (lower.contains("oleobject")) {
      return Optional.of(Reasons.OLE_OBJECTS);
    }
    return Optional.empty();
  }
}
