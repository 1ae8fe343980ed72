package io.vaultdrop.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class ByteRangesTest {

  static final String ETAG = "\"abc\"";
  static final Instant MODIFIED = Instant.parse("2026-12-07T10:15:30.123Z");
  static final String MODIFIED_HTTP = "Mon, 07 Dec 2026 10:15:30 GMT";

  static ByteRanges.Slice select(String range, long size) {
    return ByteRanges.select(range, null, size, ETAG, MODIFIED);
  }

  @Test
  void singleRanges_selectTheirBytes_andALastBytePastTheEndIsTheEnd() {
    assertThat(select("bytes=0-", 100)).isEqualTo(new ByteRanges.Slice(0, 99, 100));
    assertThat(select("bytes=10-", 100)).isEqualTo(new ByteRanges.Slice(10, 99, 100));
    assertThat(select("bytes=10-19", 100)).isEqualTo(new ByteRanges.Slice(10, 19, 100));
    assertThat(select("bytes=99-99", 100)).isEqualTo(new ByteRanges.Slice(99, 99, 100));
    assertThat(select("bytes=50-1000", 100)).isEqualTo(new ByteRanges.Slice(50, 99, 100));
    assertThat(select("bytes=-1", 100)).isEqualTo(new ByteRanges.Slice(99, 99, 100));
    assertThat(select("bytes=-500", 100)).isEqualTo(new ByteRanges.Slice(0, 99, 100));
    assertThat(select("Bytes = 5-6 ", 100)).isEqualTo(new ByteRanges.Slice(5, 6, 100));
  }

  @Test
  void slice_describesItself() {
    ByteRanges.Slice slice = new ByteRanges.Slice(10, 19, 100);
    assertThat(slice.length()).isEqualTo(10);
    assertThat(slice.toEnd()).isFalse();
    assertThat(slice.contentRange()).isEqualTo("bytes 10-19/100");
    assertThat(new ByteRanges.Slice(10, 99, 100).toEnd()).isTrue();
    assertThatThrownBy(() -> new ByteRanges.Slice(5, 4, 100))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ByteRanges.Slice(0, 100, 100))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void noOrMalformedOrMultipleRanges_areIgnored() {
    for (String range :
        new String[] {
          null,
          "",
          "bytes=",
          "bytes=-",
          "bytes=abc-",
          "bytes=5",
          "bytes=9-3",
          "items=0-5",
          "bytes=0-5,10-20",
          "bytes=0-5, 10-",
          "bytes=1234567890123456789-",
          "bytes=-1-2",
          "bytes=+1-"
        }) {
      assertThat(select(range, 100)).as(String.valueOf(range)).isNull();
    }
  }

  @Test
  void aRangeAtOrPastTheEnd_is416_withTheSize() {
    for (String range : new String[] {"bytes=100-", "bytes=100-200", "bytes=5000-", "bytes=-0"}) {
      assertThatThrownBy(() -> select(range, 100))
          .as(range)
          .isInstanceOfSatisfying(
              RangeNotSatisfiableException.class,
              e -> {
                assertThat(e.size()).isEqualTo(100);
                assertThat(e.status()).isEqualTo(416);
                assertThat(ProblemHeaders.of(e).getFirst(HttpHeaders.CONTENT_RANGE))
                    .isEqualTo("bytes */100");
              });
    }
  }

  @Test
  void anEmptyFile_hasNoByteToSelect() {
    assertThatThrownBy(() -> select("bytes=0-", 0))
        .isInstanceOf(RangeNotSatisfiableException.class);
    assertThat(select("bytes=-5", 0)).isNull();
    assertThat(select("bytes=0-5,6-", 0)).isNull();
  }

  @Test
  void ifRange_appliesTheRangeOnlyToTheSameVersion() {
    ByteRanges.Slice slice = new ByteRanges.Slice(10, 99, 100);
    assertThat(ByteRanges.select("bytes=10-", ETAG, 100, ETAG, MODIFIED)).isEqualTo(slice);
    assertThat(ByteRanges.select("bytes=10-", " " + ETAG + " ", 100, ETAG, MODIFIED))
        .isEqualTo(slice);
    assertThat(ByteRanges.select("bytes=10-", MODIFIED_HTTP, 100, ETAG, MODIFIED)).isEqualTo(slice);
    // Another tag, a weak one (never matches strongly), another date, garbage: the whole file.
    for (String ifRange :
        new String[] {
          "\"other\"",
          "W/\"abc\"",
          "Mon, 07 Dec 2026 10:15:31 GMT",
          "Mon, 07 Dec 2026 10:15:29 GMT",
          "yesterday",
          "\"abc"
        }) {
      assertThat(ByteRanges.select("bytes=10-", ifRange, 100, ETAG, MODIFIED)).as(ifRange).isNull();
    }
    assertThat(ByteRanges.select("bytes=10-", MODIFIED_HTTP, 100, ETAG, null)).isNull();
    // A stale copy gets the whole file even where its range would be unsatisfiable.
    assertThat(ByteRanges.select("bytes=500-", "\"other\"", 100, ETAG, MODIFIED)).isNull();
  }

  @Test
  void describeAndPartial_buildTheResumeHeaders() {
    HttpHeaders headers = FileDownloads.headers("a.bin", 100);
    ByteRanges.describe(headers, ETAG, MODIFIED);
    assertThat(headers.getFirst(HttpHeaders.ACCEPT_RANGES)).isEqualTo("bytes");
    assertThat(headers.getETag()).isEqualTo(ETAG);
    assertThat(headers.getFirst(HttpHeaders.LAST_MODIFIED)).isEqualTo(MODIFIED_HTTP);

    var response = ByteRanges.partial(headers, new ByteRanges.Slice(10, 19, 100), out -> {});
    assertThat(response.getStatusCode().value()).isEqualTo(206);
    assertThat(response.getHeaders().getContentLength()).isEqualTo(10);
    assertThat(response.getHeaders().getFirst(HttpHeaders.CONTENT_RANGE))
        .isEqualTo("bytes 10-19/100");
  }

  @Test
  void strongEtag_isQuoted_stable_andChangesWithEveryPart() {
    String tag = ByteRanges.strongEtag("vault", "file1", "blob1");
    assertThat(tag).matches("\"[A-Za-z0-9_-]{22}\"");
    assertThat(ByteRanges.strongEtag("vault", "file1", "blob1")).isEqualTo(tag);
    assertThat(ByteRanges.strongEtag("vault", "file1", "blob2")).isNotEqualTo(tag);
    assertThat(ByteRanges.strongEtag("vault", "file2", "blob1")).isNotEqualTo(tag);
    // Parts are length-prefixed: moving a boundary is another tag.
    assertThat(ByteRanges.strongEtag("vault", "file", "1blob1")).isNotEqualTo(tag);
    assertThat(tag).doesNotContain("file1").doesNotContain("blob1");
  }

  @Test
  void sliceOf_skipsThenStopsAfterTheLastByte() throws IOException {
    byte[] whole = new byte[1000];
    for (int i = 0; i < whole.length; i++) {
      whole[i] = (byte) (i * 7);
    }
    CountingStream middle = new CountingStream(whole);
    try (InputStream slice = new ByteRanges.Slice(100, 199, 1000).of(middle)) {
      assertThat(slice.readAllBytes()).isEqualTo(Arrays.copyOfRange(whole, 100, 200));
    }
    assertThat(middle.position).isEqualTo(200); // nothing read beyond the slice

    CountingStream tail = new CountingStream(whole);
    try (InputStream slice = new ByteRanges.Slice(990, 999, 1000).of(tail)) {
      assertThat(slice.readAllBytes()).isEqualTo(Arrays.copyOfRange(whole, 990, 1000));
    }
    assertThat(tail.sawEnd).isTrue(); // a slice to the end reads the stream to its own end
  }

  /** Remembers how far it was read and whether its end was reported. */
  static final class CountingStream extends FilterInputStream {
    long position;
    boolean sawEnd;

    CountingStream(byte[] bytes) {
      super(new ByteArrayInputStream(bytes));
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n < 0) {
        sawEnd = true;
      } else {
        position += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = in.skip(n);
      position += skipped;
      return skipped;
    }
  }
}
