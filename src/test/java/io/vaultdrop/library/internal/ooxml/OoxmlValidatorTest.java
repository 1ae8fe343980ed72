package io.vaultdrop.library.internal.ooxml;

import static io.vaultdrop.library.internal.ooxml.OoxmlSamples.CT_NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultdrop.library.internal.ooxml.OoxmlSamples.Method;
import io.vaultdrop.testsupport.DataFolder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The OOXML validation corpus: real minimal packages pass, every kind of impostor is named. */
class OoxmlValidatorTest {

  private final OoxmlValidator validator = new OoxmlValidator(OoxmlPolicy.defaults());

  @Nested
  class Accepted {

    @ParameterizedTest
    @EnumSource(Method.class)
    void minimalDocxXlsxPptx_inEveryStorageMethod_pass(Method method) throws IOException {
      assertAccepted(OoxmlSamples.docx("hello").all(method).bytes(), OfficeKind.DOCX);
      assertAccepted(OoxmlSamples.xlsx("hello").all(method).bytes(), OfficeKind.XLSX);
      assertAccepted(OoxmlSamples.pptx("hello").all(method).bytes(), OfficeKind.PPTX);
    }

    @Test
    void directoryEntries_absoluteMainTarget_andUpperCaseNames_pass() throws IOException {
      byte[] zip =
          OoxmlSamples.docx("dirs")
              .add("word/", new byte[0], Method.STORED)
              .replace("_rels/.rels", OoxmlSamples.packageRelationships("/word/document.xml"))
              .add("word/media/IMAGE1.PNG", new byte[] {1, 2, 3}, Method.STORED)
              .bytes();
      assertAccepted(zip, OfficeKind.DOCX);
    }

    @Test
    void embeddedWorkbookAndPrinterSettings_arePlainParts() throws IOException {
      byte[] zip =
          OoxmlSamples.pptx("chart")
              .add(
                  "ppt/embeddings/Microsoft_Excel_Worksheet.xlsx",
                  OoxmlSamples.xlsx("data").bytes(),
                  Method.STORED)
              .add("xl/printerSettings/printerSettings1.bin", new byte[64], Method.DEFLATED)
              .bytes();
      assertAccepted(zip, OfficeKind.PPTX);
    }

    @Test
    void externalHyperlink_passesOnlyWhenAllowed() throws IOException {
      byte[] zip = withDocumentRelationship(hyperlink("External"));
      assertRejected(zip, OfficeKind.DOCX, Reasons.EXTERNAL_RELATIONSHIP);
      OoxmlValidator lenient =
          new OoxmlValidator(OoxmlPolicy.defaults().withExternalHyperlinks(true));
      assertThat(lenient.validate(new ByteArrayInputStream(zip), OfficeKind.DOCX))
          .isEqualTo(zip.length);
    }

    @Test
    void zip64Archive_withManyEntries_isParsed() throws IOException {
      OoxmlSamples sample = OoxmlSamples.docx("zip64");
      for (int i = 0; i < 66_000; i++) {
        sample.add("customXml/i" + i, new byte[0], Method.STORED);
      }
      byte[] zip = sample.bytes();
      // More than 65,535 entries: ZipOutputStream writes the Zip64 end records.
      assertThat(DataFolder.indexOf(zip, new byte[] {0x50, 0x4B, 0x06, 0x06})).isPositive();
      OoxmlValidator roomy =
          new OoxmlValidator(
              new OoxmlPolicy(70_000, 1L << 30, 100, 100 * 1024, 1 << 20, 8 * 1024 * 1024, false));
      assertThat(roomy.validate(new ByteArrayInputStream(zip), OfficeKind.DOCX))
          .isEqualTo(zip.length);
    }
  }

  @Nested
  class NotAnOfficeOpenXmlPackage {

    @Test
    void docmRenamedDocx_isRefusedForItsMacros() {
      assertRejected(OoxmlSamples.docm().bytes(), OfficeKind.DOCX, Reasons.MACROS);
    }

    @Test
    void macroMainTypeWithoutVbaPart_isNamed() {
      byte[] zip =
          OoxmlSamples.docx("m")
              .replace(
                  "[Content_Types].xml",
                  OoxmlSamples.contentTypes(
                      "application/vnd.ms-word.document.macroEnabled.main+xml",
                      "/word/document.xml"))
              .bytes();
      assertRejected(zip, OfficeKind.DOCX, Reasons.MACROS);
    }

    @Test
    void xlsxRenamedDocx_saysWhatItIs() {
      assertRejectedSaying(
          OoxmlSamples.xlsx("sheet").bytes(),
          OfficeKind.DOCX,
          "The content is an Excel workbook (.xlsx), not a Word document (.docx).");
      assertRejectedSaying(
          OoxmlSamples.docx("doc").bytes(),
          OfficeKind.PPTX,
          "The content is a Word document (.docx), not a PowerPoint presentation (.pptx).");
    }

    @Test
    void templateRenamedDocx_isRefused() {
      byte[] zip =
          OoxmlSamples.docx("t")
              .replace(
                  "[Content_Types].xml",
                  OoxmlSamples.contentTypes(
                      "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
                      "/word/document.xml"))
              .bytes();
      assertRejectedSaying(
          zip,
          OfficeKind.DOCX,
          "The content is a Word template (.dotx), not a Word document (.docx).");
    }

    @Test
    void unknownMainType_isRefused() {
      byte[] zip =
          OoxmlSamples.docx("t")
              .replace(
                  "[Content_Types].xml",
                  OoxmlSamples.contentTypes("application/xml", "/word/document.xml"))
              .bytes();
      assertRejected(zip, OfficeKind.DOCX, Reasons.notMainPart(OfficeKind.DOCX));
    }

    @Test
    void executables_areNamed() {
      byte[] exe = new byte[512];
      exe[0] = 'M';
      exe[1] = 'Z';
      assertRejected(exe, OfficeKind.DOCX, Reasons.EXECUTABLE);
      assertRejected(
          new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0}, OfficeKind.XLSX, Reasons.EXECUTABLE);
      assertRejected(ascii("#!/bin/sh\nrm -rf /\n"), OfficeKind.PPTX, Reasons.EXECUTABLE);
    }

    @Test
    void legacyOle2File_isNamed() {
      byte[] ole = new byte[1024];
      byte[] magic = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A};
      System.arraycopy(magic, 0, ole, 0, magic.length);
      assertRejected(ole, OfficeKind.DOCX, Reasons.LEGACY_OFFICE);
    }

    @Test
    void htmlPdfTextAndEmpty_areNamed() {
      assertRejected(
          ascii("<!DOCTYPE html><html><body>hi</body></html>"), OfficeKind.DOCX, Reasons.HTML);
      assertRejected(ascii("\uFEFF  \n<html>"), OfficeKind.DOCX, Reasons.HTML);
      assertRejected(ascii("%PDF-1.7\n"), OfficeKind.DOCX, Reasons.PDF);
      assertRejected(ascii("just some words"), OfficeKind.DOCX, Reasons.NOT_ZIP);
      assertRejected(new byte[0], OfficeKind.DOCX, Reasons.EMPTY);
    }

    @Test
    void polyglot_htmlBeforeTheZip_isRefused() {
      byte[] zip = OoxmlSamples.docx("p").bytes();
      byte[] html = ascii("<html><script>alert(1)</script></html>");
      byte[] both = Arrays.copyOf(html, html.length + zip.length);
      System.arraycopy(zip, 0, both, html.length, zip.length);
      assertRejected(both, OfficeKind.DOCX, Reasons.HTML);
    }
  }

  @Nested
  class ZipBombs {

    @Test
    void highlyCompressedEntry_isAbandonedEarly() throws IOException {
      byte[] bomb = bomb(256L * 1024 * 1024);
      CountingStream in = new CountingStream(new ByteArrayInputStream(bomb));
      assertThatThrownBy(() -> validator.validate(in, OfficeKind.DOCX))
          .isInstanceOf(RejectedPackageException.class)
          .hasMessage(Reasons.compressionRatio(100));
      // 256 MiB of zeros deflate to ~250 KiB; the check fired after a small part of that.
      assertThat(bomb.length).isGreaterThan(200_000);
      assertThat(in.count).isLessThan(bomb.length / 2);
    }

    @Test
    void totalUncompressedSize_isCapped() throws IOException {
      byte[] noise = new byte[600 * 1024];
      new Random(7).nextBytes(noise);
      byte[] zip =
          OoxmlSamples.docx("big")
              .add("word/media/a.bin.png", noise, Method.DEFLATED_STREAMED)
              .add("word/media/b.png", noise, Method.STORED)
              .bytes();
      OoxmlValidator small =
          new OoxmlValidator(OoxmlPolicy.defaults().withCaps(100, 1024 * 1024, 100));
      assertThatThrownBy(() -> small.validate(new ByteArrayInputStream(zip), OfficeKind.DOCX))
          .isInstanceOf(RejectedPackageException.class)
          .hasMessage(Reasons.tooLargeUncompressed(1024 * 1024));
      assertAccepted(zip, OfficeKind.DOCX);
    }

    @Test
    void tooManyEntries_isCapped() throws IOException {
      OoxmlSamples sample = OoxmlSamples.docx("many");
      for (int i = 0; i < 10_000; i++) {
        sample.add("customXml/item" + i + ".xml", new byte[0], Method.STORED);
      }
      assertRejected(sample.bytes(), OfficeKind.DOCX, Reasons.tooManyEntries(10_000));
      OoxmlValidator few = new OoxmlValidator(OoxmlPolicy.defaults().withCaps(5, 1L << 30, 100));
      byte[] four =
          OoxmlSamples.xlsx("x").add("docProps/app.xml", "<x/>").add("a.xml", "<a/>").bytes();
      assertThatThrownBy(() -> few.validate(new ByteArrayInputStream(four), OfficeKind.XLSX))
          .isInstanceOf(RejectedPackageException.class)
          .hasMessage(Reasons.tooManyEntries(5));
    }
  }

  @Nested
  class EntryNamesAndDirectory {

    @ParameterizedTest
    @ValueSource(
        strings = {
          "../evil.xml",
          "word/../../evil.xml",
          "/etc/evil.xml",
          "word\\evil.xml",
          "C:/evil.xml",
          "c:evil.xml",
          "word/./evil.xml",
          "word//evil.xml",
          "word/evil\u0001.xml"
        })
    void zipSlipAndOddNames_areRefused(String name) {
      byte[] zip = OoxmlSamples.docx("slip").add(name, "<x/>").bytes();
      assertRejected(zip, OfficeKind.DOCX, Reasons.BAD_NAME);
    }

    @Test
    void duplicateNames_exactOrByCase_areRefused() {
      byte[] exact =
          OoxmlSamples.patch(
              OoxmlSamples.docx("dup").add("word/documenX.xml", "<x/>").bytes(),
              "word/documenX.xml",
              "word/document.xml");
      assertRejected(exact, OfficeKind.DOCX, Reasons.DUPLICATE_NAME);
      byte[] byCase = OoxmlSamples.docx("dup").add("Word/Document.xml", "<x/>").bytes();
      assertRejected(byCase, OfficeKind.DOCX, Reasons.DUPLICATE_NAME);
    }

    @Test
    void centralDirectoryNamingOtherEntries_isRefused() {
      byte[] zip = OoxmlSamples.docx("cd").bytes();
      int cd = OoxmlSamples.centralDirectoryOffset(zip);
      byte[] directory = Arrays.copyOfRange(zip, cd, zip.length);
      byte[] renamed = OoxmlSamples.patch(directory, "word/document.xml", "word/documenX.xml");
      System.arraycopy(renamed, 0, zip, cd, renamed.length);
      assertRejected(zip, OfficeKind.DOCX, Reasons.CENTRAL_DIRECTORY_MISMATCH);
    }

    @Test
    void centralDirectoryPointingElsewhere_isRefused() {
      byte[] zip = OoxmlSamples.docx("cd").all(Method.STORED).bytes();
      int cd = OoxmlSamples.centralDirectoryOffset(zip);
      // Second central header's local header offset (at +42), moved by one byte.
      int second = cd + 46 + littleEndian16(zip, cd + 28) + littleEndian16(zip, cd + 30);
      zip[second + 42]++;
      assertRejected(zip, OfficeKind.DOCX, Reasons.CENTRAL_DIRECTORY_MISMATCH);
    }

    @Test
    void centralDirectoryWithOtherCrc_isRefused() {
      byte[] zip = OoxmlSamples.docx("crc").bytes();
      int cd = OoxmlSamples.centralDirectoryOffset(zip);
      zip[cd + 16] ^= 1;
      assertRejected(zip, OfficeKind.DOCX, Reasons.CENTRAL_DIRECTORY_MISMATCH);
    }

    @Test
    void bytesAfterTheEndRecord_orATruncatedArchive_areRefused() {
      byte[] zip = OoxmlSamples.docx("tail").bytes();
      byte[] trailing = Arrays.copyOf(zip, zip.length + 10);
      assertRejected(trailing, OfficeKind.DOCX, Reasons.CENTRAL_DIRECTORY_MISSING);
      byte[] truncated = Arrays.copyOf(zip, zip.length - 30);
      assertRejected(truncated, OfficeKind.DOCX, Reasons.CENTRAL_DIRECTORY_MISSING);
      byte[] noDirectory = Arrays.copyOf(zip, OoxmlSamples.centralDirectoryOffset(zip));
      assertRejected(noDirectory, OfficeKind.DOCX, Reasons.CENTRAL_DIRECTORY_MISSING);
    }

    @Test
    void damagedEntries_areRefused() {
      byte[] encrypted = OoxmlSamples.docx("enc").all(Method.STORED).bytes();
      encrypted[6] |= 1; // "encrypted" flag of the first local header
      assertRejected(encrypted, OfficeKind.DOCX, Reasons.DAMAGED);
      byte[] corrupt = OoxmlSamples.docx("corrupt").all(Method.STORED).bytes();
      int at = DataFolder.indexOf(corrupt, ascii("<w:body>"));
      corrupt[at + 1] = 'x'; // CRC no longer matches
      assertRejected(corrupt, OfficeKind.DOCX, Reasons.DAMAGED);
    }
  }

  @Nested
  class PackageParts {

    @Test
    void missingContentTypes_isRefused() {
      byte[] zip = OoxmlSamples.docx("no ct").remove("[Content_Types].xml").bytes();
      assertRejected(zip, OfficeKind.DOCX, Reasons.NO_CONTENT_TYPES);
    }

    @Test
    void missingOrAmbiguousMainRelationship_isRefused() {
      assertRejected(
          OoxmlSamples.docx("x").remove("_rels/.rels").bytes(),
          OfficeKind.DOCX,
          Reasons.NO_MAIN_RELATIONSHIP);
      String two =
          """
          <Relationships xmlns="%s">\
          <Relationship Id="rId1" Type="%s" Target="word/document.xml"/>\
          <Relationship Id="rId2" Type="%s" Target="word/other.xml"/></Relationships>"""
              .formatted(
                  OoxmlSamples.REL_NS, OoxmlSamples.OFFICE_DOCUMENT, OoxmlSamples.OFFICE_DOCUMENT);
      assertRejected(
          OoxmlSamples.docx("x").replace("_rels/.rels", two).bytes(),
          OfficeKind.DOCX,
          Reasons.NO_MAIN_RELATIONSHIP);
    }

    @Test
    void mainPartMissingOrOutsideThePackage_isRefused() {
      assertRejected(
          OoxmlSamples.docx("x").remove("word/document.xml").bytes(),
          OfficeKind.DOCX,
          Reasons.MAIN_PART_MISSING);
      assertRejected(
          OoxmlSamples.docx("x")
              .replace("_rels/.rels", OoxmlSamples.packageRelationships("../word/document.xml"))
              .bytes(),
          OfficeKind.DOCX,
          Reasons.MAIN_PART_MISSING);
    }

    @Test
    void doctypeInAnXmlPart_isRefusedWithoutResolvingIt() {
      String xxe =
          """
          <?xml version="1.0"?>
          <!DOCTYPE Types [<!ENTITY x SYSTEM "file:///etc/passwd">]>
          <Types xmlns="%s"><Default Extension="xml" ContentType="&x;"/></Types>"""
              .formatted(CT_NS);
      assertRejected(
          OoxmlSamples.docx("xxe").replace("[Content_Types].xml", xxe).bytes(),
          OfficeKind.DOCX,
          Reasons.DOCTYPE);
      String laughs =
          """
          <!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>
          <Relationships xmlns="%s">&b;</Relationships>"""
              .formatted(OoxmlSamples.REL_NS);
      assertRejected(
          OoxmlSamples.docx("laughs").add("word/_rels/document.xml.rels", laughs).bytes(),
          OfficeKind.DOCX,
          Reasons.DOCTYPE);
    }

    @Test
    void invalidOrOversizedXml_isRefused() {
      assertRejected(
          OoxmlSamples.docx("x").replace("[Content_Types].xml", "<Types").bytes(),
          OfficeKind.DOCX,
          Reasons.BAD_CONTENT_TYPES);
      assertRejected(
          OoxmlSamples.docx("x").replace("[Content_Types].xml", "<Other xmlns=\"x\"/>").bytes(),
          OfficeKind.DOCX,
          Reasons.BAD_CONTENT_TYPES);
      assertRejected(
          OoxmlSamples.docx("x").replace("_rels/.rels", "<Relationships/>").bytes(),
          OfficeKind.DOCX,
          Reasons.BAD_RELATIONSHIPS);
      String padded =
          OoxmlSamples.contentTypes(OfficeKind.DOCX.mainContentType(), "/word/document.xml")
              .replace("</Types>", "<!--" + noise(9 * 1024 * 1024) + "--></Types>");
      assertRejected(
          OoxmlSamples.docx("x").replace("[Content_Types].xml", padded).bytes(),
          OfficeKind.DOCX,
          Reasons.xmlPartTooLarge(OoxmlPolicy.DEFAULT_MAX_XML_PART_BYTES));
    }

    @Test
    void externalRelationships_areRefused_evenWhenHyperlinksAreAllowed() throws IOException {
      byte[] template =
          withDocumentRelationship(
              OoxmlSamples.relationships(
                  "rId9",
                  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate",
                  "http://attacker.example/template.dotm",
                  "External"));
      assertRejected(template, OfficeKind.DOCX, Reasons.EXTERNAL_RELATIONSHIP);
      OoxmlValidator lenient =
          new OoxmlValidator(OoxmlPolicy.defaults().withExternalHyperlinks(true));
      assertThatThrownBy(
              () -> lenient.validate(new ByteArrayInputStream(template), OfficeKind.DOCX))
          .hasMessage(Reasons.EXTERNAL_RELATIONSHIP);
      byte[] oddMode = withDocumentRelationship(hyperlink("Somewhere"));
      assertRejected(oddMode, OfficeKind.DOCX, Reasons.EXTERNAL_RELATIONSHIP);
      assertAccepted(withDocumentRelationship(hyperlink("Internal")), OfficeKind.DOCX);
    }

    @Test
    void activeContent_byNameContentTypeOrRelationship_isRefused() {
      assertRejected(
          OoxmlSamples.docx("a").add("word/activeX/activeX1.xml", "<x/>").bytes(),
          OfficeKind.DOCX,
          Reasons.ACTIVE_X);
      assertRejected(
          OoxmlSamples.pptx("o")
              .add("ppt/embeddings/oleObject1.bin", new byte[8], Method.STORED)
              .bytes(),
          OfficeKind.PPTX,
          Reasons.OLE_OBJECTS);
      assertRejected(
          OoxmlSamples.docx("e")
              .add("word/embeddings/setup.exe", new byte[] {'M', 'Z'}, Method.STORED)
              .bytes(),
          OfficeKind.DOCX,
          Reasons.EMBEDDED_EXECUTABLE);
      assertRejected(
          OoxmlSamples.xlsx("m").add("xl/macrosheets/sheet1.xml", "<x/>").bytes(),
          OfficeKind.XLSX,
          Reasons.MACROS);
      assertRejected(
          OoxmlSamples.pptx("m")
              .add("ppt/embeddings/Book.xlsm", new byte[4], Method.STORED)
              .bytes(),
          OfficeKind.PPTX,
          Reasons.MACROS);
      assertRejected(
          withDocumentRelationship(
              OoxmlSamples.relationships(
                  "rId5",
                  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/oleObject",
                  "embeddings/object.dat",
                  null)),
          OfficeKind.DOCX,
          Reasons.OLE_OBJECTS);
      assertRejected(
          OoxmlSamples.docx("ct")
              .replace(
                  "[Content_Types].xml",
                  OoxmlSamples.contentTypes(
                      OfficeKind.DOCX.mainContentType(),
                      "/word/document.xml",
                      "/word/data.xml",
                      "application/vnd.ms-office.activeX+xml"))
              .bytes(),
          OfficeKind.DOCX,
          Reasons.ACTIVE_X);
    }
  }

  @Test
  void everyByteReachesTheCopy_inOrder() throws IOException {
    byte[] zip =
        OoxmlSamples.xlsx("copied").add("xl/media/a.png", new byte[70_000], Method.STORED).bytes();
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    assertThat(validator.validate(new ByteArrayInputStream(zip), copy, OfficeKind.XLSX))
        .isEqualTo(zip.length);
    assertThat(copy.toByteArray()).isEqualTo(zip);
  }

  @Test
  void failureOfTheCopy_isPassedOnUnchanged() {
    IOException full = new IOException("disk full");
    java.io.OutputStream failing =
        new java.io.OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw full;
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            throw full;
          }
        };
    byte[] zip = OoxmlSamples.docx("copy fails").bytes();
    assertThatThrownBy(
            () -> validator.validate(new ByteArrayInputStream(zip), failing, OfficeKind.DOCX))
        .isSameAs(full);
  }

  @Test
  void failureOfTheUploadItself_isPassedOnUnchanged() {
    byte[] zip = OoxmlSamples.docx("broken pipe").bytes();
    IOException broken = new IOException("connection reset");
    InputStream failing =
        new FilterInputStream(new ByteArrayInputStream(zip, 0, 100)) {
          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n < 0) {
              throw broken;
            }
            return n;
          }
        };
    assertThatThrownBy(() -> validator.validate(failing, OfficeKind.DOCX)).isSameAs(broken);
  }

  // ------------------------------------------------------------------ helpers

  private void assertAccepted(byte[] zip, OfficeKind kind) throws IOException {
    assertThat(validator.validate(new ByteArrayInputStream(zip), kind)).isEqualTo(zip.length);
  }

  /** Refused with a reason that reads {@code english} in the English message bundle. */
  private void assertRejectedSaying(byte[] bytes, OfficeKind kind, String english) {
    assertThatThrownBy(() -> validator.validate(new ByteArrayInputStream(bytes), kind))
        .isInstanceOf(RejectedPackageException.class)
        .satisfies(e -> assertThat(english(e.getMessage())).isEqualTo(english));
  }

  /** A reason ({@code key|arg|...}) as the English problems bundle words it. */
  private static String english(String reason) throws java.io.IOException {
    String[] parts = reason.split("\\|");
    java.util.Properties bundle = new java.util.Properties();
    try (java.io.Reader reader =
        java.nio.file.Files.newBufferedReader(
            java.nio.file.Path.of("src/main/resources/messages-problems.properties"))) {
      bundle.load(reader);
    }
    return new java.text.MessageFormat(bundle.getProperty(parts[0]), java.util.Locale.ENGLISH)
        .format(java.util.Arrays.copyOfRange(parts, 1, parts.length));
  }

  private void assertRejected(byte[] bytes, OfficeKind kind, String reason) {
    assertThatThrownBy(() -> validator.validate(new ByteArrayInputStream(bytes), kind))
        .isInstanceOf(RejectedPackageException.class)
        .hasMessage(reason);
  }

  private static byte[] withDocumentRelationship(String rels) {
    return OoxmlSamples.docx("rels").add("word/_rels/document.xml.rels", rels).bytes();
  }

  private static String hyperlink(String mode) {
    return OoxmlSamples.relationships(
        "rId7",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
        "https://example.org/",
        mode);
  }

  /** A docx plus one deflated entry of {@code zeros} zero bytes, written as a stream. */
  private static byte[] bomb(long zeros) throws IOException {
    byte[] docx = OoxmlSamples.docx("bomb").bytes();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
      zip.putNextEntry(new ZipEntry("word/media/zeros.png"));
      byte[] chunk = new byte[1 << 20];
      for (long written = 0; written < zeros; written += chunk.length) {
        zip.write(chunk);
      }
      zip.closeEntry();
      try (var in = new java.util.zip.ZipInputStream(new ByteArrayInputStream(docx))) {
        for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
          zip.putNextEntry(new ZipEntry(e.getName()));
          in.transferTo(zip);
          zip.closeEntry();
        }
      }
    }
    return out.toByteArray();
  }

  /** Letters that do not compress much. */
  private static String noise(int length) {
    Random random = new Random(3);
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append((char) ('a' + random.nextInt(26)));
    }
    return text.toString();
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static int littleEndian16(byte[] b, int at) {
    return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
  }

  private static final class CountingStream extends FilterInputStream {
    long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
