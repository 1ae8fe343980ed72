package io.vaultdrop.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Single byte ranges of a file download (RFC 9110 §14), so that a browser or {@code curl -C -}
 * resumes a broken download instead of starting over. The one place that parses {@code Range} and
 * {@code If-Range} and builds the {@code 206}/{@code 416} headers. Contract:
 *
 * <ul>
 *   <li>{@code bytes=N-}, {@code bytes=N-M} and {@code bytes=-K} (the last K bytes), one range,
 *       unit case-insensitive. A last byte past the end is the end.
 *   <li>Ignored (the whole file, {@code 200}), as RFC 9110 allows: no header, a malformed one (also
 *       numbers of more than 18 digits and {@code M < N}), another unit, several ranges, and any
 *       {@code Range} whose {@code If-Range} does not match: a strong entity tag compared strongly
 *       (a weak one never matches) or exactly the {@code Last-Modified} date.
 *   <li>{@code 416} ({@link RangeNotSatisfiableException}, {@code Content-Range: bytes *&#47;size})
 *       when the range starts at or after the end, or is {@code bytes=-0}. A file of 0 bytes has no
 *       byte to select: {@code bytes=N-} is a {@code 416}, {@code bytes=-K} the whole (empty) file.
 * </ul>
 *
 * The caller evaluates {@code If-None-Match}/{@code If-Modified-Since} first (RFC 9110 §13.2.2);
 * Spring MVC does not do it for a {@link StreamingResponseBody} (see {@code VaultDownloads}).
 */
public final class ByteRanges {

  private static final Pattern SINGLE_RANGE =
      Pattern.compile("(?i)bytes[ \\t]*=[ \\t]*([0-9]{0,18})-([0-9]{0,18})[ \\t]*");
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private ByteRanges() {}

  /**
   * The bytes {@code first..last} (inclusive) of a file of {@code size} bytes, {@code first <= last
   * < size}.
   */
  public record Slice(long first, long last, long size) {

    public Slice {
      if (first < 0 || last < first || last >= size) {
        throw new IllegalArgumentException("not a slice of the file");
      }
    }

    public long length() {
      return last - first + 1;
    }

    /** The slice ends with the file's last byte. */
    public boolean toEnd() {
      return last == size - 1;
    }

    /** {@code bytes first-last/size}. */
    public String contentRange() {
      return "bytes " + first + "-" + last + "/" + size;
    }

    /**
     * The slice of {@code whole}, a stream of the entire file: skips {@code first} bytes now
     * (reading them: for an encrypted file they are decrypted and authenticated, then dropped, in
     * constant memory), and ends after {@code last}. A slice to the end reads {@code whole} to its
     * own end, so that its end-of-stream checks (and the download metric) still happen; an earlier
     * end reads nothing beyond the segment holding {@code last}.
     */
    public InputStream of(InputStream whole) throws IOException {
      whole.skipNBytes(first);
      return toEnd() ? whole : new Bounded(whole, length());
    }
  }

  /**
   * What to send for a GET of a file of {@code size} bytes whose current version is {@code etag}
   * (strong, quoted) and {@code lastModified}.
   *
   * @param range the request's {@code Range} header, or {@code null}
   * @param ifRange the request's {@code If-Range} header, or {@code null}
   * @return the slice to send with {@code 206}, or {@code null} for the whole file with {@code 200}
   * @throws RangeNotSatisfiableException 416: the range selects no byte of the file
   */
  public static @Nullable Slice select(
      @Nullable String range,
      @Nullable String ifRange,
      long size,
      String etag,
      @Nullable Instant lastModified) {
    if (range == null) {
      return null;
    }
    Matcher matcher = SINGLE_RANGE.matcher(range);
    if (!matcher.matches()) {
      return null; // malformed, another unit or several ranges: ignored (RFC 9110 §14.2)
    }
    String firstText = matcher.group(1);
    String lastText = matcher.group(2);
    if (firstText.isEmpty() && lastText.isEmpty()) {
      return null;
    }
    if (ifRange != null && !ifRangeMatches(ifRange.strip(), etag, lastModified)) {
      return null; // the client's partial copy is of another version: send it all anew
    }
    if (firstText.isEmpty()) {
      long suffix = Long.parseLong(lastText);
      if (suffix == 0) {
        throw new RangeNotSatisfiableException(size);
      }
      if (size == 0) {
        return null;
      }
      return new Slice(Math.max(0, size - suffix), size - 1, size);
    }
    long first = Long.parseLong(firstText);
    long last = lastText.isEmpty() ? Long.MAX_VALUE : Long.parseLong(lastText);
    if (last < first) {
      return null; // invalid: ignored
    }
    if (first >= size) {
      throw new RangeNotSatisfiableException(size);
    }
    return new Slice(first, Math.min(last, size - 1), size);
  }

  /**
   * Adds what lets a client resume: {@code Accept-Ranges: bytes}, the {@code ETag} and the {@code
   * Last-Modified} date (whole seconds).
   */
  public static void describe(HttpHeaders headers, String etag, @Nullable Instant lastModified) {
    headers.set(HttpHeaders.ACCEPT_RANGES, "bytes");
    headers.setETag(etag);
    if (lastModified != null) {
      headers.setLastModified(lastModified.truncatedTo(ChronoUnit.SECONDS));
    }
  }

  /**
   * A {@code 206} of {@code slice} with {@code headers} (those of the whole file; {@code
   * Content-Length} is replaced by the slice's, {@code Content-Range} added).
   */
  public static ResponseEntity<StreamingResponseBody> partial(
      HttpHeaders headers, Slice slice, StreamingResponseBody body) {
    headers.setContentLength(slice.length());
    headers.set(HttpHeaders.CONTENT_RANGE, slice.contentRange());
    return ResponseEntity.status(HttpStatus.PARTIAL_CONTENT).headers(headers).body(body);
  }

  /** {@code Content-Range} of a {@code 416}: {@code bytes *&#47;size}. */
  public static String unsatisfiedRange(long size) {
    return "bytes */" + size;
  }

  /**
   * A strong entity tag naming one stored version of a file: the first 128 bits of SHA-256 over
   * {@code parts} (identifiers of the version, for example the file id and its object id), so the
   * tag changes with any of them and reveals none (internal ids such as blob names stay inside).
   * Never pass plaintext or key material.
   */
  public static String strongEtag(String... parts) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    for (String part : parts) {
      byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
      sha256.update((byte) (bytes.length >>> 24));
      sha256.update((byte) (bytes.length >>> 16));
      sha256.update((byte) (bytes.length >>> 8));
      sha256.update((byte) bytes.length);
      sha256.update(bytes);
    }
    byte[] digest = sha256.digest();
    return "\""
        + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22)
        + "\"";
  }

  private static boolean ifRangeMatches(
      String ifRange, String etag, @Nullable Instant lastModified) {
    if (ifRange.startsWith("\"")) {
      return ifRange.equals(etag); // strong comparison; the current tag is always strong
    }
    if (ifRange.regionMatches(true, 0, "W/", 0, 2) || lastModified == null) {
      return false;
    }
    try {
      Instant date = Instant.from(HTTP_DATE.parse(ifRange));
      return date.equals(lastModified.truncatedTo(ChronoUnit.SECONDS));
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** Ends after {@code remaining} bytes; reads nothing beyond them. */
  private static final class Bounded extends InputStream {
    private final InputStream in;
    private long remaining;

    Bounded(InputStream in, long remaining) {
      this.in = in;
      this.remaining = remaining;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining <= 0) {
        return len == 0 ? 0 : -1;
      }
      int n = in.read(b, off, (int) Math.min(len, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
