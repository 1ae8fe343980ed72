package io.vaultdrop.library.internal.ooxml;

import static java.util.Map.entry;

import java.util.Map;
import java.util.Optional;

/**
 * Main part content types of the Office Open XML family (ECMA-376 and [MS-OFFCRYPTO]/[MS-OI29500]),
 * in the normalised lower-case form, so that a refusal can name what the file really is: "a
 * macro-enabled Word document (.docm), not a Word document (.docx)".
 */
final class MainPartTypes {

  private static final Map<String, String> KNOWN =
      Map.ofEntries(
          entry(
              ContentTypes.normalise(OfficeKind.DOCX.mainContentType()),
              OfficeKind.DOCX.description()),
          entry(
              ContentTypes.normalise(OfficeKind.XLSX.mainContentType()),
              OfficeKind.XLSX.description()),
          entry(
              ContentTypes.normalise(OfficeKind.PPTX.mainContentType()),
              OfficeKind.PPTX.description()),
          entry(
              "application/vnd.ms-word.document.macroenabled.main+xml",
              "a macro-enabled Word document (.docm)"),
          entry(
              "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
              "a Word template (.dotx)"),
          entry(
              "application/vnd.ms-word.template.macroenabledtemplate.main+xml",
              "a macro-enabled Word template (.dotm)"),
          entry(
              "application/vnd.ms-excel.sheet.macroenabled.main+xml",
              "a macro-enabled Excel workbook (.xlsm)"),
          entry(
              "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
              "an Excel template (.xltx)"),
          entry(
              "application/vnd.ms-excel.template.macroenabled.main+xml",
              "a macro-enabled Excel template (.xltm)"),
          entry("application/vnd.ms-excel.addin.macroenabled.main+xml", "an Excel add-in (.xlam)"),
          entry(
              "application/vnd.ms-excel.sheet.binary.macroenabled.main",
              "a binary Excel workbook (.xlsb)"),
          entry(
              "application/vnd.ms-powerpoint.presentation.macroenabled.main+xml",
              "a macro-enabled PowerPoint presentation (.pptm)"),
          entry(
              "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
              "a PowerPoint slide show (.ppsx)"),
          entry(
              "application/vnd.ms-powerpoint.slideshow.macroenabled.main+xml",
              "a macro-enabled PowerPoint slide show (.ppsm)"),
          entry(
              "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
              "a PowerPoint template (.potx)"),
          entry(
              "application/vnd.ms-powerpoint.template.macroenabled.main+xml",
              "a macro-enabled PowerPoint template (.potm)"));

  private MainPartTypes() {}

  /** What a main part of this (normalised) content type is, e.g. "a Word template (.dotx)". */
  static Optional<String> describe(String contentType) {
    return Optional.ofNullable(KNOWN.get(contentType));
  }
}
