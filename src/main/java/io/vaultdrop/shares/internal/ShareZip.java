package io.vaultdrop.shares.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Checksum;
import java.util.zip.ZipException;

/**
 * A share of several files as one zip, streamed in constant memory, with an exact length known
 * before the first byte, and <b>deterministic</b>: the same entries and time give the same bytes,
 * so an aborted transfer can be resumed at any offset ({@link #write}'s {@code from}) and the rest
 * continues the very byte stream the first transfer sent.
 *
 * <p>The archive is what {@link java.util.zip.ZipOutputStream} writes for the same entries (with
 * UTF-8 names and the time given as UTC; {@code ShareZipTest} compares the bytes), but laid out
 * here: a resumed transfer starts inside the right part (a local header, a file's data, the central
 * directory or the end records) without producing the parts before it.
 *
 * <p>Every entry is {@code STORED} (no compression: the files are whatever they are, often already
 * compressed) with its size and CRC-32 in the local header, so there are no data descriptors and no
 * seeking. Names are UTF-8 (flag bit 11); a non-ASCII name also carries it in an Info-ZIP Unicode
 * Path extra field (0x7075), because Info-ZIP {@code unzip} 6.0 ignores bit 11 of an archive made
 * on "FAT" (which is what the headers declare) and would decode the name as code page 437. The time
 * is one fixed DOS timestamp (UTC, clamped into 1980–2099), so no extended-timestamp extra field is
 * written and the bytes do not depend on the server's time zone. Entries of 4 GiB or more and
 * offsets or directories beyond 4 GiB get ZIP64 extra fields and a ZIP64 end record, and so do
 * 65535 entries or more.
 */
final class ShareZip {

  /** One file of the archive: its (already unique and safe) name, size and plaintext CRC-32. */
  record Entry(String name, long size, long crc) {

    @Override
    public String toString() {
      return "Entry[size=" + size + "]";
    }
  }

  /** The content of the entries. */
  @FunctionalInterface
  interface Contents {

    /**
     * Writes bytes {@code from} to the end of entry {@code index} into {@code out}; the bytes
     * before {@code from} are read too (to verify the CRC-32) and go into {@code skipped} only.
     */
    void copy(int index, long from, Checksum skipped, OutputStream out) throws IOException;
  }

  private static final long ZIP64_MAGIC = 0xFFFFFFFFL;
  private static final int ZIP64_MAGIC_COUNT = 0xFFFF;
  private static final int LOCAL_SIGNATURE = 0x04034b50;
  private static final int CENTRAL_SIGNATURE = 0x02014b50;
  private static final int END_SIGNATURE = 0x06054b50;
  private static final int ZIP64_END_SIGNATURE = 0x06064b50;
  private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
  private static final int ZIP64_EXTRA_ID = 0x0001;
  private static final int VERSION_STORED = 10;
  private static final int VERSION_ZIP64 = 45;
  private static final int FLAG_UTF8 = 0x0800;
  private static final int LOCAL_HEADER = 30;
  private static final int CENTRAL_HEADER = 46;
  private static final int END_RECORD = 22;
  private static final int ZIP64_END_RECORD = 56;
  private static final int ZIP64_END_LOCATOR = 20;
  private static final int MAX_HEADER = 0xFFFF;
  private static final Instant EARLIEST = Instant.parse("1980-01-02T00:00:00Z");
  private static final Instant LATEST = Instant.parse("2099-12-30T00:00:00Z");

  private ShareZip() {}

  /**
   * The exact number of bytes {@link #write} produces for {@code entries}.
   *
   * @throws IllegalArgumentException a name too long for a zip header
   */
  static long length(List<Entry> entries) {
    try {
      return walk(entries, 0, new Length());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Streams the archive from byte {@code from} on into {@code out} (not closed). Parts before
   * {@code from} are skipped without being produced; an entry's content is asked for only from the
   * offset inside it. A content that is not exactly its entry's size and CRC fails the entry
   * ({@link ZipException}) before the archive ends.
   *
   * @param time the modification time of every entry (as UTC, clamped into the DOS range)
   * @return the bytes written, always {@code length(entries) - from}
   */
  static long write(
      List<Entry> entries, Instant time, long from, Contents contents, OutputStream out)
      throws IOException {
    if (from < 0) {
      throw new IllegalArgumentException("negative offset");
    }
    Writer writer = new Writer(from, contents, out);
    walk(entries, dosTime(time), writer);
    return writer.written;
  }

  /** Receives the parts of the archive in order. */
  private interface Parts {
    void header(byte[] bytes) throws IOException;

    void data(int index, Entry entry) throws IOException;
  }

  /**
   * Produces the archive's parts in order: each local header and data, the central directory, the
   * end records. Returns the archive's length.
   */
  private static long walk(List<Entry> entries, int dosTime, Parts parts) throws IOException {
    long[] offsets = new long[entries.size()];
    long position = 0;
    for (int i = 0; i < entries.size(); i++) {
      Entry entry = entries.get(i);
      offsets[i] = position;
      byte[] header = localHeader(entry, dosTime);
      parts.header(header);
      parts.data(i, entry);
      position += header.length + entry.size();
    }
    long centralStart = position;
    for (int i = 0; i < entries.size(); i++) {
      byte[] header = centralHeader(entries.get(i), dosTime, offsets[i]);
      parts.header(header);
      position += header.length;
    }
    byte[] end = endRecords(entries.size(), centralStart, position - centralStart, position);
    parts.header(end);
    return position + end.length;
  }

  private static byte[] localHeader(Entry entry, int dosTime) {
    byte[] name = entry.name().getBytes(StandardCharsets.UTF_8);
    byte[] unicodePath = unicodePath(name);
    boolean large = entry.size() >= ZIP64_MAGIC;
    int extra = unicodePath.length + (large ? 20 : 0);
    ByteBuffer header = buffer(LOCAL_HEADER + name.length + extra);
    header.putInt(LOCAL_SIGNATURE);
    header.putShort((short) (large ? VERSION_ZIP64 : VERSION_STORED));
    header.putShort((short) FLAG_UTF8).putShort((short) 0); // method: stored
    header.putInt(dosTime).putInt((int) entry.crc());
    int size = (int) (large ? ZIP64_MAGIC : entry.size());
    header.putInt(size).putInt(size); // compressed, uncompressed
    header.putShort((short) name.length).putShort((short) extra).put(name);
    if (large) {
      header.putShort((short) ZIP64_EXTRA_ID).putShort((short) 16);
      header.putLong(entry.size()).putLong(entry.size());
    }
    return header.put(unicodePath).array();
  }

  private static byte[] centralHeader(Entry entry, int dosTime, long offset) {
    byte[] name = entry.name().getBytes(StandardCharsets.UTF_8);
    byte[] unicodePath = unicodePath(name);
    boolean large = entry.size() >= ZIP64_MAGIC;
    boolean farOffset = offset >= ZIP64_MAGIC;
    int zip64 = (large ? 16 : 0) + (farOffset ? 8 : 0);
    int extra = unicodePath.length + (zip64 > 0 ? zip64 + 4 : 0);
    if (CENTRAL_HEADER + name.length + extra > MAX_HEADER) {
      throw new IllegalArgumentException("a name is too long for a zip header");
    }
    ByteBuffer header = buffer(CENTRAL_HEADER + name.length + extra);
    int version = zip64 > 0 ? VERSION_ZIP64 : VERSION_STORED;
    header.putInt(CENTRAL_SIGNATURE).putShort((short) version).putShort((short) version);
    header.putShort((short) FLAG_UTF8).putShort((short) 0); // method: stored
    header.putInt(dosTime).putInt((int) entry.crc());
    int size = (int) (large ? ZIP64_MAGIC : entry.size());
    header.putInt(size).putInt(size); // compressed, uncompressed
    header.putShort((short) name.length).putShort((short) extra);
    header.putShort((short) 0).putShort((short) 0).putShort((short) 0); // comment, disk, internal
    header.putInt(0); // external attributes
    header.putInt((int) (farOffset ? ZIP64_MAGIC : offset)).put(name);
    if (zip64 > 0) {
      header.putShort((short) ZIP64_EXTRA_ID).putShort((short) zip64);
      if (large) {
        header.putLong(entry.size()).putLong(entry.size());
      }
      if (farOffset) {
        header.putLong(offset);
      }
    }
    return header.put(unicodePath).array();
  }

  private static byte[] endRecords(int count, long centralStart, long centralLength, long here) {
    boolean zip64 =
        centralStart >= ZIP64_MAGIC || centralLength >= ZIP64_MAGIC || count >= ZIP64_MAGIC_COUNT;
    ByteBuffer end = buffer(END_RECORD + (zip64 ? ZIP64_END_RECORD + ZIP64_END_LOCATOR : 0));
    if (zip64) {
      end.putInt(ZIP64_END_SIGNATURE).putLong(ZIP64_END_RECORD - 12);
      end.putShort((short) VERSION_ZIP64).putShort((short) VERSION_ZIP64);
      end.putInt(0).putInt(0); // this disk, the directory's disk
      end.putLong(count).putLong(count).putLong(centralLength).putLong(centralStart);
      end.putInt(ZIP64_LOCATOR_SIGNATURE).putInt(0).putLong(here).putInt(1);
    }
    short entries = (short) Math.min(count, ZIP64_MAGIC_COUNT);
    end.putInt(END_SIGNATURE).putShort((short) 0).putShort((short) 0);
    end.putShort(entries).putShort(entries);
    end.putInt((int) Math.min(centralLength, ZIP64_MAGIC));
    end.putInt((int) Math.min(centralStart, ZIP64_MAGIC));
    return end.putShort((short) 0).array(); // no comment
  }

  private static ByteBuffer buffer(int length) {
    return ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
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

  /** MS-DOS date and time of {@code time} as UTC, clamped into the range DOS can hold. */
  static int dosTime(Instant time) {
    Instant clamped = time.isBefore(EARLIEST) ? EARLIEST : time.isAfter(LATEST) ? LATEST : time;
    LocalDateTime t = LocalDateTime.ofInstant(clamped, ZoneOffset.UTC);
    return (t.getYear() - 1980) << 25
        | t.getMonthValue() << 21
        | t.getDayOfMonth() << 16
        | t.getHour() << 11
        | t.getMinute() << 5
        | t.getSecond() >> 1;
  }

  /** Adds up the parts' lengths. */
  private static final class Length implements Parts {
    @Override
    public void header(byte[] bytes) {}

    @Override
    public void data(int index, Entry entry) {}
  }

  /** Writes the parts from {@code from} on: skips whole parts before it, starts inside one. */
  private static final class Writer implements Parts {
    private final long from;
    private final Contents contents;
    private final OutputStream out;
    private long position;
    private long written;

    Writer(long from, Contents contents, OutputStream out) {
      this.from = from;
      this.contents = contents;
      this.out = out;
    }

    @Override
    public void header(byte[] bytes) throws IOException {
      long end = position + bytes.length;
      if (end > from) {
        int start = (int) Math.max(0, from - position);
        out.write(bytes, start, bytes.length - start);
        written += bytes.length - start;
      }
      position = end;
    }

    @Override
    public void data(int index, Entry entry) throws IOException {
      long end = position + entry.size();
      if (end > from) {
        long start = Math.max(0, from - position);
        Checked checked = new Checked(out);
        contents.copy(index, start, checked.crc, checked);
        if (checked.count != entry.size() - start || checked.crc.getValue() != entry.crc()) {
          throw new ZipException("entry " + index + " is not its announced size and CRC-32");
        }
        written += checked.count;
      }
      position = end;
    }
  }

  /** Counts and checksums what passes, and never closes the stream below. */
  private static final class Checked extends OutputStream {
    private final OutputStream out;
    private final CRC32 crc = new CRC32();
    private long count;

    Checked(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      crc.update(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      crc.update(b, off, len);
      count += len;
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }
  }
}
