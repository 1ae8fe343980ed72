package io.vaultdrop.library.internal.ooxml;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A corpus of Office Open XML packages and impostors, written part by part with {@link
 * ZipOutputStream}: minimal but real {@code .docx}, {@code .xlsx} and {@code .pptx} packages (the
 * parts Office needs to open them), and variations of them.
 */
public final class OoxmlSamples {

  public static final String CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types";
  public static final String REL_NS =
      "http://schemas.openxmlformats.org/package/2006/relationships";
  public static final String OFFICE_DOCUMENT =
      "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";

  /** How an entry is stored. */
  public enum Method {
    /** Uncompressed, sizes and CRC in the local header. */
    STORED,
    /** Deflated, sizes and CRC in the local header (as Office writes). */
    DEFLATED,
    /** Deflated, sizes and CRC in a data descriptor after the data (streaming writers). */
    DEFLATED_STREAMED
  }

  private record Part(String name, byte[] content, Method method) {}

  private final List<Part> parts = new ArrayList<>();

  private OoxmlSamples() {}

  public static OoxmlSamples empty() {
    return new OoxmlSamples();
  }

  /** A Word document with one paragraph of {@code text}. */
  public static OoxmlSamples docx(String text) {
    return empty()
        .add(
            "[Content_Types].xml",
            contentTypes(OfficeKind.DOCX.mainContentType(), "/word/document.xml"))
        .add("_rels/.rels", packageRelationships("word/document.xml"))
        .add(
            "word/document.xml",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
            <w:body><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:body></w:document>"""
                .formatted(text));
  }

  /** An Excel workbook with one sheet holding {@code text} in A1. */
  public static OoxmlSamples xlsx(String text) {
    return empty()
        .add(
            "[Content_Types].xml",
            contentTypes(
                OfficeKind.XLSX.mainContentType(),
                "/xl/workbook.xml",
                "/xl/worksheets/sheet1.xml",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"))
        .add("_rels/.rels", packageRelationships("xl/workbook.xml"))
        .add(
            "xl/workbook.xml",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>""")
        .add(
            "xl/_rels/workbook.xml.rels",
            relationships(
                "rId1",
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet",
                "worksheets/sheet1.xml",
                null))
        .add(
            "xl/worksheets/sheet1.xml",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
            <sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>%s</t></is></c></row>\
            </sheetData></worksheet>"""
                .formatted(text));
  }

  /** A PowerPoint presentation (the main part only; enough for the package rules). */
  public static OoxmlSamples pptx(String text) {
    return empty()
        .add(
            "[Content_Types].xml",
            contentTypes(OfficeKind.PPTX.mainContentType(), "/ppt/presentation.xml"))
        .add("_rels/.rels", packageRelationships("ppt/presentation.xml"))
        .add(
            "ppt/presentation.xml",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main">\
            <!-- %s --><p:sldIdLst/></p:presentation>"""
                .formatted(text));
  }

  /** A macro-enabled Word document ({@code .docm}): macro main type and a VBA project. */
  public static OoxmlSamples docm() {
    return empty()
        .add(
            "[Content_Types].xml",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="%s">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>\
            <Override PartName="/word/document.xml" \
            ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>"""
                .formatted(CT_NS))
        .add("_rels/.rels", packageRelationships("word/document.xml"))
        .add(
            "word/document.xml",
            "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>")
        .add(
            "word/_rels/document.xml.rels",
            relationships(
                "rId1",
                "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
                "vbaProject.bin",
                null))
        .add(
            "word/vbaProject.bin",
            new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0},
            Method.STORED);
  }

  public OoxmlSamples add(String name, String content) {
    return add(name, content.getBytes(StandardCharsets.UTF_8), Method.DEFLATED);
  }

  public OoxmlSamples add(String name, byte[] content, Method method) {
    parts.add(new Part(name, content, method));
    return this;
  }

  /** Replaces the content of part {@code name}. */
  public OoxmlSamples replace(String name, String content) {
    parts.replaceAll(
        p ->
            p.name().equals(name)
                ? new Part(name, content.getBytes(StandardCharsets.UTF_8), p.method())
                : p);
    return this;
  }

  public OoxmlSamples remove(String name) {
    parts.removeIf(p -> p.name().equals(name));
    return this;
  }

  /** Stores every part with {@code method}. */
  public OoxmlSamples all(Method method) {
    parts.replaceAll(p -> new Part(p.name(), p.content(), method));
    return this;
  }

  public byte[] bytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
      for (Part part : parts) {
        ZipEntry entry = new ZipEntry(part.name());
        CRC32 crc = new CRC32();
        crc.update(part.content());
        switch (part.method()) {
          case STORED -> {
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(part.content().length);
            entry.setCompressedSize(part.content().length);
            entry.setCrc(crc.getValue());
          }
          case DEFLATED -> {
            entry.setMethod(ZipEntry.DEFLATED);
            entry.setSize(part.content().length);
            entry.setCompressedSize(deflatedLength(part.content()));
            entry.setCrc(crc.getValue());
          }
          case DEFLATED_STREAMED -> entry.setMethod(ZipEntry.DEFLATED);
        }
        zip.putNextEntry(entry);
        zip.write(part.content());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** What ZipOutputStream's default deflater makes of {@code content}. */
  private static long deflatedLength(byte[] content) {
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    try {
      deflater.setInput(content);
      deflater.finish();
      byte[] buffer = new byte[8192];
      long length = 0;
      while (!deflater.finished()) {
        length += deflater.deflate(buffer);
      }
      return length;
    } finally {
      deflater.end();
    }
  }

  public static String contentTypes(String mainType, String mainPart, String... more) {
    StringBuilder xml =
        new StringBuilder(
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="%s">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="%s" ContentType="%s"/>"""
                .formatted(CT_NS, mainPart, mainType));
    for (int i = 0; i + 1 < more.length; i += 2) {
      xml.append("<Override PartName=\"%s\" ContentType=\"%s\"/>".formatted(more[i], more[i + 1]));
    }
    return xml.append("</Types>").toString();
  }

  public static String packageRelationships(String mainTarget) {
    return relationships("rId1", OFFICE_DOCUMENT, mainTarget, null);
  }

  /** A {@code .rels} part with one relationship; {@code mode} may be null. */
  public static String relationships(String id, String type, String target, String mode) {
    return """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="%s"><Relationship Id="%s" Type="%s" Target="%s"%s/></Relationships>"""
        .formatted(REL_NS, id, type, target, mode == null ? "" : " TargetMode=\"" + mode + "\"");
  }

  /** Replaces every occurrence of {@code from} by {@code to} (same length) in {@code bytes}. */
  public static byte[] patch(byte[] bytes, String from, String to) {
    byte[] f = from.getBytes(StandardCharsets.UTF_8);
    byte[] t = to.getBytes(StandardCharsets.UTF_8);
    if (f.length != t.length) {
      throw new IllegalArgumentException("same length only");
    }
    byte[] copy = bytes.clone();
    int found = 0;
    outer:
    for (int i = 0; i <= copy.length - f.length; i++) {
      for (int j = 0; j < f.length; j++) {
        if (copy[i + j] != f[j]) {
          continue outer;
        }
      }
      System.arraycopy(t, 0, copy, i, t.length);
      found++;
    }
    if (found == 0) {
      throw new IllegalArgumentException("not found");
    }
    return copy;
  }

  /** Offset of the central directory (from the end record, non-Zip64 archives). */
  public static int centralDirectoryOffset(byte[] zip) {
    int eocd = zip.length - 22;
    return (zip[eocd + 16] & 0xFF)
        | (zip[eocd + 17] & 0xFF) << 8
        | (zip[eocd + 18] & 0xFF) << 16
        | (zip[eocd + 19] & 0xFF) << 24;
  }
}
