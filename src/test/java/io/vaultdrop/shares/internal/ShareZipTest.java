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
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The zip of a share: the announced length is what the JDK writes, ZIP64 included. */
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
    long written = ShareZip.write(entries, TIME, (i, o) -> o.write(contents.get(i)), out);

    assertThat(written).isEqualTo(out.size()).isEqualTo(ShareZip.length(entries));
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
    Tail tail = new Tail(98 + 2 * 46 + 32);
    long written =
        ShareZip.write(
            entries,
            TIME,
            (i, out) -> {
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
  void write_refusesContentThatDoesNotMatchItsCrc() {
    byte[] content = random(100);
    List<ShareZip.Entry> entries =
        List.of(new ShareZip.Entry("x", content.length, crc(content) ^ 1));
    assertThatThrownBy(
            () ->
                ShareZip.write(
                    entries, TIME, (i, o) -> o.write(content), OutputStream.nullOutputStream()))
        .isInstanceOf(ZipException.class);
  }

  private static long writtenLength(List<ShareZip.Entry> entries) throws IOException {
    Tail counter = new Tail(0);
    ShareZip.write(entries, TIME, (i, o) -> {}, counter);
    return counter.count;
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

  /** Counts every byte and keeps only the last {@code keep}. */
  private static final class Tail extends OutputStream {
    private final byte[] ring;
    private long count;

    Tail(int keep) {
      ring = new byte[keep];
    }

    @Override
    public void write(int b) {
      if (ring.length > 0) {
        ring[(int) (count % ring.length)] = (byte) b;
      }
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (ring.length == 0) {
        count += len;
        return;
      }
      int skip = Math.max(0, len - ring.length);
      count += skip;
      for (int i = off + skip; i < off + len; i++) {
        write(b[i]);
      }
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
