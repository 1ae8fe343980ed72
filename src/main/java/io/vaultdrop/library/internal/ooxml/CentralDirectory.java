package io.vaultdrop.library.internal.ooxml;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the end of a ZIP archive from the {@link TailRecorder}: the end of central directory
 * record (with its Zip64 locator and record when present) and every central directory header, with
 * a bounds check before each read. What most ZIP readers (Office among them) trust is the central
 * directory, while {@link java.util.zip.ZipInputStream} reads the local headers; {@link
 * OoxmlValidator} compares the two.
 *
 * <p>Strict on purpose: exactly one end record, which must end the file (its comment runs to the
 * last byte); a single-disk archive; the directory immediately followed by the (Zip64) end records;
 * no encrypted entry.
 */
final class CentralDirectory {

  /** One central directory header. */
  record Entry(
      String name,
      long localHeaderOffset,
      int method,
      int flags,
      long crc,
      long compressedSize,
      long size) {}

  /** The parsed directory and where it starts. */
  record Parsed(long offset, List<Entry> entries) {}

  private static final int EOCD_SIG = 0x06054b50;
  private static final int EOCD_LENGTH = 22;
  private static final int ZIP64_LOCATOR_SIG = 0x07064b50;
  private static final int ZIP64_LOCATOR_LENGTH = 20;
  private static final int ZIP64_EOCD_SIG = 0x06064b50;
  private static final int ZIP64_EOCD_MIN_LENGTH = 56;
  private static final int CENTRAL_SIG = 0x02014b50;
  private static final int CENTRAL_LENGTH = 46;
  private static final int MAX_COMMENT = 0xFFFF;
  private static final long U16_MAX = 0xFFFFL;
  private static final long U32_MAX = 0xFFFFFFFFL;

  /** Trailing bytes beyond the directory itself that must be recorded to find it. */
  static final int END_RECORDS_MAX =
      EOCD_LENGTH + MAX_COMMENT + ZIP64_LOCATOR_LENGTH + ZIP64_EOCD_MIN_LENGTH;

  private final TailRecorder tail;
  private final int maxDirectoryBytes;
  private final int maxEntries;

  CentralDirectory(TailRecorder tail, int maxDirectoryBytes, int maxEntries) {
    this.tail = tail;
    this.maxDirectoryBytes = maxDirectoryBytes;
    this.maxEntries = maxEntries;
  }

  /** Reads the directory of a stream that has ended. */
  Parsed read() throws RejectedPackageException {
    long end = tail.count();
    long eocd = findEndRecord(end);
    long entriesOnDisk = u16(eocd + 8);
    long totalEntries = u16(eocd + 10);
    long size = u32(eocd + 12);
    long offset = u32(eocd + 16);
    long directoryEnd = eocd;
    long locator = eocd - ZIP64_LOCATOR_LENGTH;
    if (locator >= 0
        && tail.holds(locator, ZIP64_LOCATOR_LENGTH)
        && u32(locator) == ZIP64_LOCATOR_SIG) {
      long zip64 = u64(locator + 8);
      long disks = u32(locator + 16);
      if (u32(locator + 4) != 0
          || disks > 1
          || zip64 < 0
          || zip64 > locator - ZIP64_EOCD_MIN_LENGTH) {
        throw missing();
      }
      require(zip64, ZIP64_EOCD_MIN_LENGTH);
      long recordSize = u64(zip64 + 4);
      if (u32(zip64) != ZIP64_EOCD_SIG
          || recordSize < ZIP64_EOCD_MIN_LENGTH - 12
          || zip64 + 12 + recordSize != locator
          || u32(zip64 + 16) != 0
          || u32(zip64 + 20) != 0) {
        throw missing();
      }
      entriesOnDisk = u64(zip64 + 24);
      totalEntries = u64(zip64 + 32);
      size = u64(zip64 + 40);
      offset = u64(zip64 + 48);
      directoryEnd = zip64;
    } else if (u16(eocd + 4) != 0 || u16(eocd + 6) != 0) {
      throw missing(); // multi-disk
    }
    if (entriesOnDisk != totalEntries || totalEntries < 0) {
      throw missing();
    }
    if (totalEntries > maxEntries) {
      throw new RejectedPackageException(Reasons.tooManyEntries(maxEntries));
    }
    if (size < 0 || offset < 0 || offset > directoryEnd || directoryEnd - offset != size) {
      throw missing();
    }
    if (size > maxDirectoryBytes || !tail.holds(offset, size)) {
      throw new RejectedPackageException(Reasons.centralDirectoryTooLarge(maxDirectoryBytes));
    }
    return new Parsed(offset, entries(offset, directoryEnd, (int) totalEntries));
  }

  /** The one end record whose comment runs exactly to the end of the file. */
  private long findEndRecord(long end) throws RejectedPackageException {
    long lowest = Math.max(tail.start(), end - EOCD_LENGTH - MAX_COMMENT);
    long found = -1;
    for (long p = end - EOCD_LENGTH; p >= lowest; p--) {
      if (u32(p) == EOCD_SIG && u16(p + 20) == end - p - EOCD_LENGTH) {
        if (found >= 0) {
          throw missing(); // two candidates: readers could disagree on which one counts
        }
        found = p;
      }
    }
    if (found < 0) {
      throw missing();
    }
    return found;
  }

  private List<Entry> entries(long offset, long directoryEnd, int count)
      throws RejectedPackageException {
    List<Entry> entries = new ArrayList<>(Math.min(count, 1024));
    long p = offset;
    for (int i = 0; i < count; i++) {
      if (p + CENTRAL_LENGTH > directoryEnd || u32(p) != CENTRAL_SIG) {
        throw missing();
      }
      int flags = (int) u16(p + 8);
      int method = (int) u16(p + 10);
      long crc = u32(p + 16);
      long compressed = u32(p + 20);
      long size = u32(p + 24);
      int nameLength = (int) u16(p + 28);
      int extraLength = (int) u16(p + 30);
      int commentLength = (int) u16(p + 32);
      long disk = u16(p + 34);
      long local = u32(p + 42);
      long nameStart = p + CENTRAL_LENGTH;
      long extraStart = nameStart + nameLength;
      long next = extraStart + extraLength + commentLength;
      if (next > directoryEnd || (flags & 1) != 0) {
        throw missing(); // out of bounds, or an encrypted entry
      }
      String name = utf8(nameStart, nameLength);
      if (size == U32_MAX || compressed == U32_MAX || local == U32_MAX || disk == U16_MAX) {
        long[] values = zip64Extra(extraStart, extraLength, size, compressed, local, disk);
        size = values[0];
        compressed = values[1];
        local = values[2];
        disk = values[3];
      }
      if (disk != 0) {
        throw missing();
      }
      entries.add(new Entry(name, local, method, flags, crc, compressed, size));
      p = next;
    }
    if (p != directoryEnd) {
      throw missing();
    }
    return entries;
  }

  /** Replaces the saturated fields by the Zip64 extended information extra field (id 1). */
  private long[] zip64Extra(
      long start, int length, long size, long compressed, long local, long disk)
      throws RejectedPackageException {
    long end = start + length;
    for (long q = start; q + 4 <= end; ) {
      int id = (int) u16(q);
      int fieldLength = (int) u16(q + 2);
      long data = q + 4;
      if (data + fieldLength > end) {
        throw missing();
      }
      if (id == 1) {
        long r = data;
        long fieldEnd = data + fieldLength;
        if (size == U32_MAX) {
          size = field64(r, fieldEnd);
          r += 8;
        }
        if (compressed == U32_MAX) {
          compressed = field64(r, fieldEnd);
          r += 8;
        }
        if (local == U32_MAX) {
          local = field64(r, fieldEnd);
          r += 8;
        }
        if (disk == U16_MAX) {
          if (r + 4 > fieldEnd) {
            throw missing();
          }
          disk = u32(r);
        }
        return new long[] {size, compressed, local, disk};
      }
      q = data + fieldLength;
    }
    throw missing();
  }

  private long field64(long at, long fieldEnd) throws RejectedPackageException {
    if (at + 8 > fieldEnd) {
      throw missing();
    }
    long value = u64(at);
    if (value < 0) {
      throw missing();
    }
    return value;
  }

  private String utf8(long start, int length) throws RejectedPackageException {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) tail.byteAt(start + i);
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new RejectedPackageException(Reasons.BAD_NAME);
    }
  }

  private void require(long offset, long length) throws RejectedPackageException {
    if (!tail.holds(offset, length)) {
      throw missing();
    }
  }

  private long u16(long at) throws RejectedPackageException {
    require(at, 2);
    return tail.byteAt(at) | (tail.byteAt(at + 1) << 8);
  }

  private long u32(long at) throws RejectedPackageException {
    require(at, 4);
    return u16(at) | (u16(at + 2) << 16);
  }

  /** A little-endian 64-bit value; negative when the top bit is set (never valid here). */
  private long u64(long at) throws RejectedPackageException {
    require(at, 8);
    return u32(at) | (u32(at + 4) << 32);
  }

  private static RejectedPackageException missing() {
    return new RejectedPackageException(Reasons.CENTRAL_DIRECTORY_MISSING);
  }
}
