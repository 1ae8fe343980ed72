package io.vaultdrop.shares.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The zip of a share: the bytes (and so the announced length) are what the JDK's {@link
 * ZipOutputStream} writes for the same entries, ZIP64 included, and writing from any offset gives
 * exactly the rest of those bytes without asking for the contents before it.
 */
class ShareZipTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Instant TIME = Instant.parse("2026-03-01T12:00:00Z");

  @TempDir Path dir;

  @Test
  void length_equalsTheBytesWritten_andZipFileReadsEveryEntryBack() throws Exception {
    List<byte[]> contents =
        List.of(random(0), random(1), random(70_000), random(65_536), random(3));
    List<String> names =
        List.of("a.txt", "Ünïcödé – файл 文件.bin", "empty dir/../x", "b", "😀 emoji.txt");
    List<ShareZip.Entry> entries = new ArrayList<>();
    for (int i = 0; i < contents.size(); i++) {
      entries.add(new ShareZip.Entry(names.get(i), contents.get(i).length, crc(contents.get(i))));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long written = ShareZip.write(entries, TIME, 0, of(contents), out);

    assertThat(written).isEqualTo(out.size()).isEqualTo(ShareZip.length(entries));
    assertThat(out.toByteArray()).isEqualTo(jdk(entries, contents));
    Path file = dir.resolve("share.zip");
    Files.write(file, out.toByteArray());
    try (ZipFile zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8)) {
      Enumeration<? extends ZipEntry> read = zip.entries();
      for (int i = 0; i < contents.size(); i++) {
        ZipEntry entry = read.nextElement();
        assertThat(entry.getName()).isEqualTo(names.get(i));
        assertThat(entry.getMethod()).isEqualTo(ZipEntry.STORED);
        try (var in = zip.getInputStream(entry)) {
          assertThat(in.readAllBytes()).isEqualTo(contents.get(i));
        }
      }
      assertThat(read.hasMoreElements()).isFalse();
    }
  }

  @Test
  void length_ofNoEntriesAndOfManyEntries_matchesTheJdk() throws Exception {
    assertThat(writtenLength(List.of())).isEqualTo(ShareZip.length(List.of())).isEqualTo(22);
    // 65535 entries and more need the ZIP64 end record, whatever their size.
    for (int count : List.of(65_534, 65_535, 65_600)) {
      List<ShareZip.Entry> entries = new ArrayList<>(count);
      long emptyCrc = crc(new byte[0]);
      for (int i = 0; i < count; i++) {
        entries.add(new ShareZip.Entry("f" + i, 0, emptyCrc));
      }
      assertThat(writtenLength(entries)).as(count + " entries").isEqualTo(ShareZip.length(entries));
      List<byte[]> empty = java.util.Collections.nCopies(count, new byte[0]);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ShareZip.write(entries, TIME, 0, of(empty), out);
      assertThat(out.toByteArray()).as(count + " entries").isEqualTo(jdk(entries, empty));
    }
  }

  /**
   * Resuming: from every offset (inside local headers, file data, the central directory and the end
   * record, up to the last byte) the writer sends exactly the rest of the whole archive, and asks
   * only for the content from where it starts: entries before the offset are never read.
   */
  @Test
  void writeFromAnyOffset_isTheRestOfTheArchive_andReadsNothingBeforeIt() throws Exception {
    List<byte[]> contents = List.of(random(70), random(0), random(300), random(1));
    List<String> names = List.of("a.txt", "б.bin", "c", "d (1).txt");
    List<ShareZip.Entry> entries = new ArrayList<>();
    for (int i = 0; i < contents.size(); i++) {
      entries.add(new ShareZip.Entry(names.get(i), contents.get(i).length, crc(contents.get(i))));
    }
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    ShareZip.write(entries, TIME, 0, of(contents), whole);
    byte[] all = whole.toByteArray();
    for (int from = 0; from < all.length; from++) {
      long start = from;
      List<Integer> asked = new ArrayList<>();
      ShareZip.Contents recording =
          (i, offset, skipped, out) -> {
            asked.add(i);
            of(contents).copy(i, offset, skipped, out);
          };
      ByteArrayOutputStream rest = new ByteArrayOutputStream();
      long written = ShareZip.write(entries, TIME, start, recording, rest);
      assertThat(rest.toByteArray())
          .as("from " + from)
          .isEqualTo(java.util.Arrays.copyOfRange(all, from, all.length));
      assertThat(written).isEqualTo(all.length - from);
      for (int i : asked) {
        // an entry is read only if its data ends after the offset
        long dataEnd = dataStart(entries, i) + contents.get(i).length;
        assertThat(dataEnd).as("entry " + i + " from " + from).isGreaterThan(start);
      }
    }
  }

  /**
   * ZIP64: an entry of 4 GiB + 1 (ZIP64 extras in its local and central header) followed by one
   * whose offset is beyond 4 GiB (ZIP64 offset in the central header, ZIP64 end record). The
   * content is streamed into a counter, not written anywhere.
   */
  @Test
  void length_ofAnArchiveBeyondFourGiB_matchesTheJdk() throws Exception {
    long big = (1L << 32) + 1;
    CRC32 zeros = new CRC32();
    byte[] block = new byte[1 << 20];
    for (long left = big; left > 0; left -= block.length) {
      zeros.update(block, 0, (int) Math.min(block.length, left));
    }
    byte[] small = random(10);
    List<ShareZip.Entry> entries =
        List.of(
            new ShareZip.Entry("big.bin", big, zeros.getValue()),
            new ShareZip.Entry("after.txt", small.length, crc(small)));
    int keep = 1024;
    Tail tail = new Tail(keep);
    long written =
        ShareZip.write(
            entries,
            TIME,
            0,
            (i, from, skipped, out) -> {
              if (i == 0) {
                for (long left = big; left > 0; left -= block.length) {
                  out.write(block, 0, (int) Math.min(block.length, left));
                }
              } else {
                out.write(small);
              }
            },
            tail);
    assertThat(tail.count).isEqualTo(written).isEqualTo(ShareZip.length(entries));
    assertThat(written).isGreaterThan(big);
    // The archive ends with a ZIP64 end record, its locator and the classic end record.
    byte[] end = tail.bytes();
    assertThat(indexOf(end, new byte[] {0x50, 0x4b, 0x06, 0x06})).isGreaterThanOrEqualTo(0);
    assertThat(indexOf(end, new byte[] {0x50, 0x4b, 0x06, 0x07})).isGreaterThanOrEqualTo(0);

    // Byte for byte what the JDK writes: the first entry's ZIP64 local header, and everything
    // from inside the big entry's data on (the second local header at an offset beyond 4 GiB, the
    // central directory with ZIP64 sizes and offset, the ZIP64 end records).
    Tail jdk = new Tail(keep);
    try (ZipOutputStream zip = new ZipOutputStream(jdk, StandardCharsets.UTF_8)) {
      zip.putNextEntry(jdkEntry(entries.get(0)));
      for (long left = big; left > 0; left -= block.length) {
        zip.write(block, 0, (int) Math.min(block.length, left));
      }
      zip.closeEntry();
      zip.putNextEntry(jdkEntry(entries.get(1)));
      zip.write(small);
      zip.closeEntry();
    }
    assertThat(jdk.count).isEqualTo(written);
    assertThat(tail.head()).isEqualTo(jdk.head());
    assertThat(end).isEqualTo(jdk.bytes());

    // Resumed beyond 4 GiB (inside the second local header, then inside the central directory):
    // the rest of the same bytes, and the big entry is not read at all.
    long secondHeader = 30 + "big.bin".length() + 20 + big;
    for (long back : List.of(written - secondHeader - 5, 120L, 1L)) {
      ByteArrayOutputStream rest = new ByteArrayOutputStream();
      ShareZip.write(
          entries,
          TIME,
          written - back,
          (i, from, skipped, out) -> {
            assertThat(i).as("only the entry after the offset is read").isOne();
            skipped.update(small, 0, (int) from);
            out.write(small, (int) from, small.length - (int) from);
          },
          rest);
      assertThat(rest.toByteArray())
          .isEqualTo(java.util.Arrays.copyOfRange(end, (int) (end.length - back), end.length));
    }
  }

  @Test
  void length_countsZip64FieldsOnlyWhereTheFormatNeedsThem() {
    long below = 0xFFFFFFFFL - 100;
    long at = 0xFFFFFFFFL;
    // An entry and a directory start below 4 GiB: classic headers only.
    assertThat(ShareZip.length(List.of(new ShareZip.Entry("a", below, 0))))
        .isEqualTo(30 + 1 + below + 46 + 1 + 22);
    // A small entry below the limit, but the directory starts beyond it: ZIP64 end record.
    assertThat(ShareZip.length(List.of(new ShareZip.Entry("a", at - 1, 0))))
        .isEqualTo(30 + 1 + (at - 1) + 46 + 1 + 56 + 20 + 22);
    // At the limit: a 20-byte extra in the local header, 4 + 16 in the central one, and since the
    // central directory then starts beyond 4 GiB, the ZIP64 end record and locator.
    assertThat(ShareZip.length(List.of(new ShareZip.Entry("a", at, 0))))
        .isEqualTo(30 + 1 + 20 + at + 46 + 1 + 20 + 56 + 20 + 22);
  }

  @Test
  void write_refusesContentThatDoesNotMatchItsCrc() throws Exception {
    byte[] content = random(100);
    List<ShareZip.Entry> entries =
        List.of(new ShareZip.Entry("x", content.length, crc(content) ^ 1));
    assertThatThrownBy(
            () ->
                ShareZip.write(
                    entries, TIME, 0, of(List.of(content)), OutputStream.nullOutputStream()))
        .isInstanceOf(ZipException.class);
    // Also when resumed inside the entry: the bytes before the offset count for the CRC-32.
    assertThatThrownBy(
            () ->
                ShareZip.write(
                    entries, TIME, 60, of(List.of(content)), OutputStream.nullOutputStream()))
        .isInstanceOf(ZipException.class);
    List<ShareZip.Entry> right = List.of(new ShareZip.Entry("x", content.length, crc(content)));
    assertThat(ShareZip.write(right, TIME, 60, of(List.of(content)), new ByteArrayOutputStream()))
        .isEqualTo(ShareZip.length(right) - 60);
  }

  private static long writtenLength(List<ShareZip.Entry> entries) throws IOException {
    Tail counter = new Tail(0);
    ShareZip.write(entries, TIME, 0, (i, from, skipped, o) -> {}, counter);
    return counter.count;
  }

  /**
   * Contents from byte arrays, as a stored file is read: the bytes before the offset are read too.
   */
  private static ShareZip.Contents of(List<byte[]> contents) {
    return (i, from, skipped, out) -> {
      byte[] content = contents.get(i);
      skipped.update(content, 0, (int) from);
      out.write(content, (int) from, content.length - (int) from);
    };
  }

  /** What {@link ZipOutputStream} writes for the same entries and contents. */
  private static byte[] jdk(List<ShareZip.Entry> entries, List<byte[]> contents)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
      for (int i = 0; i < entries.size(); i++) {
        zip.putNextEntry(jdkEntry(entries.get(i)));
        zip.write(contents.get(i));
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  private static ZipEntry jdkEntry(ShareZip.Entry entry) {
    ZipEntry zipEntry = new ZipEntry(entry.name());
    zipEntry.setMethod(ZipEntry.STORED);
    zipEntry.setSize(entry.size());
    zipEntry.setCompressedSize(entry.size());
    zipEntry.setCrc(entry.crc());
    // ShareZip writes the time as UTC; ZipEntry.setTime would use the JVM's time zone.
    zipEntry.setTimeLocal(LocalDateTime.ofInstant(TIME, ZoneOffset.UTC));
    byte[] unicodePath = ShareZip.unicodePath(entry.name().getBytes(StandardCharsets.UTF_8));
    if (unicodePath.length > 0) {
      zipEntry.setExtra(unicodePath);
    }
    return zipEntry;
  }

  /** Where entry {@code index}'s data starts in {@code archive}: after its local header. */
  private static long dataStart(List<ShareZip.Entry> entries, int index) {
    long offset = 0;
    for (int i = 0; i < index; i++) {
      offset += localHeaderLength(entries.get(i)) + entries.get(i).size();
    }
    return offset + localHeaderLength(entries.get(index));
  }

  private static int localHeaderLength(ShareZip.Entry entry) {
    byte[] name = entry.name().getBytes(StandardCharsets.UTF_8);
    return 30 + name.length + ShareZip.unicodePath(name).length;
  }

  private static byte[] random(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  private static long crc(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return crc.getValue();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** Counts every byte and keeps only the first 128 and the last {@code keep}. */
  private static final class Tail extends OutputStream {
    private final byte[] ring;
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private long count;

    Tail(int keep) {
      ring = new byte[keep];
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (count < 128) {
        head.write(b, off, (int) Math.min(len, 128 - count));
      }
      if (ring.length > 0) {
        for (int i = Math.max(off, off + len - ring.length); i < off + len; i++) {
          ring[(int) ((count + i - off) % ring.length)] = b[i];
        }
      }
      count += len;
    }

    byte[] head() {
      return head.toByteArray();
    }

    byte[] bytes() {
      int n = (int) Math.min(count, ring.length);
      byte[] out = new byte[n];
      for (int i = 0; i < n; i++) {
        out[i] = ring[(int) ((count - n + i) % ring.length)];
      }
      return out;
    }
  }
}
