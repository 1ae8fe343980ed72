package io.vaultdrop.library.internal.ooxml;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;

/**
 * Decides from the bytes alone whether an upload is an acceptable {@code .docx}, {@code .xlsx} or
 * {@code .pptx}: pure Java, no temporary file, memory bounded by the policy whatever the size.
 * {@link #validate} reads the stream exactly once, to its end, so a caller can tee the same bytes
 * into an encryptor while they are checked. Rules, in the order they can fail (details in {@code
 * docs/library.md}):
 *
 * <ol>
 *   <li>the first bytes are a ZIP local file header, otherwise the refusal names what the file is
 *       (legacy OLE2 Office file, executable, HTML, PDF…);
 *   <li>per entry, as it streams: at most {@code maxEntries}; a safe, unique name ({@link
 *       EntryNames}); no active content by name ({@link ActiveContent}); inflated bytes counted as
 *       they come, against {@code maxUncompressedBytes} in total and {@code maxCompressionRatio}
 *       per entry (zip bombs are abandoned early); CRC and sizes verified by {@code
 *       ZipInputStream};
 *   <li>{@code [Content_Types].xml} and every {@code .rels} part parsed with {@link SafeXml} (no
 *       DTD), size-capped; no active content types or relationship types; no relationship with
 *       {@code TargetMode="External"} (optionally except hyperlinks);
 *   <li>after the last entry, the central directory (what Office reads) must list exactly the same
 *       entries, in the same order, at the same offsets, with the same method, CRC and sizes, and
 *       start where the last entry ended; nothing may follow the end record;
 *   <li>{@code _rels/.rels} names exactly one main document part, which exists, and whose content
 *       type is the main type of the expected kind (so a {@code .docm}, a template or an {@code
 *       .xlsx} renamed {@code .docx} is refused, naming what it really is).
 * </ol>
 *
 * <p>Thread-safe: each call keeps its own state.
 */
public final class OoxmlValidator {

  static final String OFFICE_DOCUMENT =
      "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
  static final String STRICT_OFFICE_DOCUMENT =
      "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument";
  static final String HYPERLINK =
      "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink";
  static final String STRICT_HYPERLINK =
      "http://purl.oclc.org/ooxml/officeDocument/relationships/hyperlink";
  private static final String PACKAGE_RELATIONSHIPS = "_rels/.rels";
  private static final int READ_BUFFER = 64 * 1024;

  private final OoxmlPolicy policy;

  public OoxmlValidator(OoxmlPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  public OoxmlPolicy policy() {
    return policy;
  }

  /** {@link #validate(InputStream, OutputStream, OfficeKind)} without a copy. */
  public long validate(InputStream content, OfficeKind expected) throws IOException {
    return validate(content, OutputStream.nullOutputStream(), expected);
  }

  /**
   * Reads {@code content} to its end, writing every byte to {@code copy} as it goes, and checks it.
   * Closes neither.
   *
   * @return the number of bytes read (the file size)
   * @throws RejectedPackageException the content is not an acceptable {@code expected} file; the
   *     stream may not have been read to its end, and {@code copy} holds only what was read
   * @throws IOException whatever {@code content} or {@code copy} throw, unchanged
   */
  public long validate(InputStream content, OutputStream copy, OfficeKind expected)
      throws IOException {
    Objects.requireNonNull(expected, "expected");
    SourceGuard source = new SourceGuard(content, copy);
    TailRecorder tail =
        new TailRecorder(
            new BufferedInputStream(source, READ_BUFFER),
            policy.maxCentralDirectoryBytes() + CentralDirectory.END_RECORDS_MAX);
    byte[] head = tail.readNBytes(FileSignatures.HEAD_LENGTH);
    FileSignatures.requireZip(head, head.length);
    CountingInputStream counted =
        new CountingInputStream(new SequenceInputStream(new ByteArrayInputStream(head), tail));
    Scan scan = new Scan(expected);
    try (PositionedZipInputStream zip = new PositionedZipInputStream(counted)) {
      scan.entries(zip);
      // The rest is the central directory and the end records: read it so the tail holds it.
      counted.transferTo(OutputStream.nullOutputStream());
    } catch (ZipException | EOFException | IllegalArgumentException e) {
      source.rethrowFailure();
      throw new RejectedPackageException(Reasons.DAMAGED);
    }
    CentralDirectory.Parsed directory =
        new CentralDirectory(tail, policy.maxCentralDirectoryBytes(), policy.maxEntries()).read();
    scan.matchDirectory(directory);
    scan.checkMainPart();
    return tail.count();
  }

  /** The state of one validation. */
  private final class Scan {

    private final OfficeKind expected;
    private final SafeXml xml = new SafeXml();
    private final EntryNames names = new EntryNames();
    private final List<Local> locals = new ArrayList<>();
    private final List<String> mainTargets = new ArrayList<>();
    private ContentTypes contentTypes;
    private long directoryStart = -1;
    private final EntryStream.Budget budget = new EntryStream.Budget();

    Scan(OfficeKind expected) {
      this.expected = expected;
    }

    void entries(PositionedZipInputStream zip) throws IOException {
      byte[] buffer = new byte[8192];
      while (true) {
        long offset = zip.position();
        ZipEntry entry = zip.getNextEntry();
        if (entry == null) {
          directoryStart = offset;
          return;
        }
        if (locals.size() >= policy.maxEntries()) {
          throw new RejectedPackageException(Reasons.tooManyEntries(policy.maxEntries()));
        }
        String name = entry.getName();
        names.add(name);
        Optional<String> active = ActiveContent.byName(name);
        if (active.isPresent()) {
          fail(active.get());
        }
        EntryStream data = new EntryStream(zip, zip.position(), policy, budget);
        if (EntryNames.key(name).equals(EntryNames.key(ContentTypes.PART_NAME))) {
          contentTypes = ContentTypes.parse(data.limited(), xml);
        } else if (EntryNames.key(name).endsWith(".rels")) {
          relationships(name, Relationships.parse(data.limited(), xml));
        }
        data.drain(buffer);
        zip.closeEntry();
        data.checkFinalRatio(entry.getCompressedSize());
        locals.add(
            new Local(
                name,
                offset,
                entry.getMethod(),
                entry.getCrc(),
                entry.getCompressedSize(),
                entry.getSize()));
      }
    }

    private void relationships(String name, List<Relationships.Relationship> relationships)
        throws RejectedPackageException {
      for (Relationships.Relationship r : relationships) {
        Optional<String> active = ActiveContent.byRelationshipType(r.type());
        if (active.isPresent()) {
          fail(active.get());
        }
        if (r.external() && !(policy.allowExternalHyperlinks() && isHyperlink(r.type()))) {
          fail(Reasons.EXTERNAL_RELATIONSHIP);
        }
        if (EntryNames.key(name).equals(PACKAGE_RELATIONSHIPS)
            && (r.type().equals(OFFICE_DOCUMENT) || r.type().equals(STRICT_OFFICE_DOCUMENT))) {
          if (r.external()) {
            fail(Reasons.EXTERNAL_RELATIONSHIP);
          }
          mainTargets.add(r.target());
        }
      }
    }

    void matchDirectory(CentralDirectory.Parsed directory) throws RejectedPackageException {
      List<CentralDirectory.Entry> central = directory.entries();
      if (directory.offset() != directoryStart || central.size() != locals.size()) {
        fail(Reasons.CENTRAL_DIRECTORY_MISMATCH);
      }
      for (int i = 0; i < central.size(); i++) {
        CentralDirectory.Entry c = central.get(i);
        Local l = locals.get(i);
        if (!c.name().equals(l.name())
            || c.localHeaderOffset() != l.offset()
            || c.method() != l.method()
            || c.crc() != l.crc()
            || c.compressedSize() != l.compressedSize()
            || c.size() != l.size()) {
          fail(Reasons.CENTRAL_DIRECTORY_MISMATCH);
        }
      }
    }

    void checkMainPart() throws RejectedPackageException {
      if (contentTypes == null) {
        fail(Reasons.NO_CONTENT_TYPES);
      }
      for (String declared : contentTypes.declared()) {
        Optional<String> active = ActiveContent.byContentType(declared);
        if (active.isPresent()) {
          fail(active.get());
        }
      }
      if (mainTargets.size() != 1) {
        fail(Reasons.NO_MAIN_RELATIONSHIP);
      }
      String main = partName(mainTargets.getFirst());
      if (main == null || !names.contains(main) || main.endsWith("/")) {
        fail(Reasons.MAIN_PART_MISSING);
      }
      String type = contentTypes.of(main).orElse("");
      if (!type.equals(ContentTypes.normalise(expected.mainContentType()))) {
        fail(
            MainPartTypes.describe(type)
                .map(found -> Reasons.wrongMainPart(found, expected))
                .orElse(Reasons.notMainPart(expected)));
      }
    }

    private static void fail(String reason) throws RejectedPackageException {
      throw new RejectedPackageException(reason);
    }
  }

  /**
   * The ZIP part name of a relationship target from {@code _rels/.rels} (relative to the package
   * root, or absolute), or {@code null} when it leaves the package.
   */
  static String partName(String target) {
    String path = target.startsWith("/") ? target.substring(1) : target;
    if (path.contains("#") || path.contains("?") || path.contains("\\")) {
      return null;
    }
    List<String> kept = new ArrayList<>();
    for (String segment : path.split("/", -1)) {
      if (segment.equals(".")) {
        continue;
      }
      if (segment.isEmpty() || segment.equals("..")) {
        return null;
      }
      kept.add(segment);
    }
    return kept.isEmpty() ? null : String.join("/", kept);
  }

  private static boolean isHyperlink(String type) {
    return type.equals(HYPERLINK) || type.equals(STRICT_HYPERLINK);
  }

  /** A local entry as streamed. */
  private record Local(
      String name, long offset, int method, long crc, long compressedSize, long size) {}
}
