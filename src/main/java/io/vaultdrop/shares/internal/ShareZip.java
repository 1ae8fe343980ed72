package io.vaultdrop.shares.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A share of several files as one zip, streamed with {@link ZipOutputStream} in constant memory and
 * with an exact length known before the first byte.
 *
 * <p>Every entry is {@code STORED} (no compression: the files are whatever they are, often already
 * compressed) with its size and CRC-32 set before its data, so {@code ZipOutputStream} writes them
 * into the local header and needs no data descriptor and no seeking; it checks size and CRC again
 * when the entry ends. Names are UTF-8 (flag bit 11); a non-ASCII name also carries it in an
 * Info-ZIP Unicode Path extra field (0x7075), because Info-ZIP {@code unzip} 6.0 ignores bit 11 of
 * an archive made on "FAT" (which is what {@code ZipOutputStream} declares) and would decode the
 * name as code page 437. The time is one fixed DOS timestamp inside 1980–2099, so no
 * extended-timestamp extra field is written. Entries of 4 GiB or more and offsets or directories
 * beyond 4 GiB get ZIP64 extra fields and a ZIP64 end record, and so do 65535 entries or more;
 * {@link #length} computes exactly those bytes (see {@code ShareZipTest}, which compares it with
 * the bytes the JDK writes, a ZIP64 archive included).
 */
final class ShareZip {

  /** One file of the archive: its (already unique and safe) name, size and plaintext CRC-32. */
  record Entry(String name, long size, long crc) {

    @Override
    public String toString() {
      return "Entry[size=" + size + "]";
    }
  }

  /** Writes the content of entry {@code index} into {@code out}, exactly its size in bytes. */
  @FunctionalInterface
  interface Contents {
    void copy(int index, OutputStream out) throws IOException;
  }

  private static final long ZIP64_MAGIC = 0xFFFFFFFFL;
  private static final int ZIP64_MAGIC_COUNT = 0xFFFF;
  private static final int LOCAL_HEADER = 30;
  private static final int LOCAL_ZIP64_EXTRA = 20; // id, length, size, compressed size
  private static final int CENTRAL_HEADER = 46;
  private static final int ZIP64_EXTRA_HEADER = 4;
  private static final int END_RECORD = 22;
  private static final int ZIP64_END_RECORD = 56;
  private static final int ZIP64_END_LOCATOR = 20;
  private static final Instant EARLIEST = Instant.parse("1980-01-02T00:00:00Z");
  private static final Instant LATEST = Instant.parse("2099-12-30T00:00:00Z");

  private ShareZip() {}

  /** The exact number of bytes {@link #write} produces for {@code entries}. */
  static long length(List<Entry> entries) {
    long offset = 0;
    long central = 0;
    for (Entry entry : entries) {
      byte[] nameBytes = entry.name().getBytes(StandardCharsets.UTF_8);
      // The name, and the extra fields both headers carry (none but the Unicode path).
      int name = nameBytes.length + unicodePath(nameBytes).length;
      boolean large = entry.size() >= ZIP64_MAGIC;
      int centralExtra = (large ? 16 : 0) + (offset >= ZIP64_MAGIC ? 8 : 0);
      if (centralExtra > 0) {
        centralExtra += ZIP64_EXTRA_HEADER;
      }
      central += CENTRAL_HEADER + name + centralExtra;
      offset += LOCAL_HEADER + name + (large ? LOCAL_ZIP64_EXTRA : 0) + entry.size();
    }
    boolean zip64End =
        offset >= ZIP64_MAGIC || central >= ZIP64_MAGIC || entries.size() >= ZIP64_MAGIC_COUNT;
    return offset + central + END_RECORD + (zip64End ? ZIP64_END_RECORD + ZIP64_END_LOCATOR : 0);
  }

  /**
   * Streams the archive into {@code out} (not closed). A content that is not exactly its entry's
   * size and CRC fails the entry ({@link java.util.zip.ZipException}) before the archive ends.
   *
   * @param time the modification time of every entry (clamped into the DOS range)
   * @return the bytes written, always {@link #length(List)}
   */
  static long write(List<Entry> entries, Instant time, Contents contents, OutputStream out)
      throws IOException {
    long millis = clamp(time).toEpochMilli();
    Counting counting = new Counting(out);
    ZipOutputStream zip = new ZipOutputStream(counting, StandardCharsets.UTF_8);
    for (int i = 0; i < entries.size(); i++) {
      Entry entry = entries.get(i);
      ZipEntry zipEntry = new ZipEntry(entry.name());
      zipEntry.setMethod(ZipEntry.STORED);
      zipEntry.setSize(entry.size());
      zipEntry.setCompressedSize(entry.size());
      zipEntry.setCrc(entry.crc());
      zipEntry.setTime(millis);
      byte[] unicodePath = unicodePath(entry.name().getBytes(StandardCharsets.UTF_8));
      if (unicodePath.length > 0) {
        zipEntry.setExtra(unicodePath);
      }
      zip.putNextEntry(zipEntry);
      contents.copy(i, zip);
      zip.closeEntry();
    }
    zip.finish();
    zip.flush();
    return counting.count;
  }

  /**
   * The Info-ZIP Unicode Path extra field of a non-ASCII name (APPNOTE 4.6.9): id 0x7075, data
   * size, version 1, CRC-32 of the header's name field, the UTF-8 name; empty for an ASCII name.
   */
  static byte[] unicodePath(byte[] utf8Name) {
    boolean ascii = true;
    for (byte b : utf8Name) {
      ascii &= b >= 0;
    }
    if (ascii) {
      return new byte[0];
    }
    CRC32 crc = new CRC32();
    crc.update(utf8Name);
    ByteBuffer field = ByteBuffer.allocate(9 + utf8Name.length).order(ByteOrder.LITTLE_ENDIAN);
    field.putShort((short) 0x7075).putShort((short) (5 + utf8Name.length)).put((byte) 1);
    field.putInt((int) crc.getValue()).put(utf8Name);
    return field.array();
  }

  private static Instant clamp(Instant time) {
    return time.isBefore(EARLIEST) ? EARLIEST : time.isAfter(LATEST) ? LATEST : time;
  }

  /** Counts what passes and never closes the stream below (the response belongs to its caller). */
  private static final class Counting extends FilterOutputStream {
    private long count;

    Counting(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
