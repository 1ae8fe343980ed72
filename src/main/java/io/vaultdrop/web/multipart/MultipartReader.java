package io.vaultdrop.web.multipart;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A streaming reader of {@code multipart/form-data} bodies (RFC 7578, RFC 2046 §5.1): parts come
 * one at a time, each part's content is read straight from the underlying stream through one 64 KiB
 * buffer, and nothing is kept or spooled anywhere. Memory is constant whatever the body size.
 *
 * <p>Strict where leniency could let two parsers disagree about a body: part headers must end lines
 * with CRLF, may not be folded, hold control characters or repeat a name, and may take at most
 * {@value #MAX_HEADER_BYTES} bytes per part; a boundary line may carry at most a few spaces; the
 * body must end with the close delimiter. A preamble of at most {@value #MAX_PREAMBLE_BYTES} bytes
 * and the epilogue are ignored. Any violation is a {@link MalformedMultipartException}.
 *
 * <p>Not thread-safe: one reader per request.
 */
public final class MultipartReader {

  /** Bytes of headers one part may carry, including line ends. */
  public static final int MAX_HEADER_BYTES = 8 * 1024;

  /** Bytes before the first boundary that are tolerated (RFC 2046 allows a preamble). */
  public static final int MAX_PREAMBLE_BYTES = 8 * 1024;

  static final int BUFFER_SIZE = 64 * 1024;

  /** Spaces and tabs tolerated between a boundary and its line end. */
  private static final int MAX_PADDING = 64;

  private static final int MAX_BOUNDARY_LENGTH = 70;
  private static final byte CR = '\r';
  private static final byte LF = '\n';
  private static final byte DASH = '-';

  private final InputStream in;
  private final DelimiterSearch delimiter;
  private final byte[] buffer = new byte[BUFFER_SIZE];
  private int head;
  private int tail;

  /** Where the delimiter starts in the buffer once found, else -1. */
  private int match = -1;

  /** Every start position below this one is known not to begin the delimiter. */
  private int scannedTo;

  /** Counts the parts handed out, so that a part's stream notices when the reader moved on. */
  private int partNumber;

  private boolean finished;

  /**
   * @param in the body, positioned at its first byte
   * @param boundary the {@code boundary} parameter of the content type, unquoted
   * @throws MalformedMultipartException when the boundary breaks RFC 2046's rules
   */
  public MultipartReader(InputStream in, String boundary) throws MalformedMultipartException {
    this.in = Objects.requireNonNull(in);
    checkBoundary(boundary);
    byte[] pattern = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
    this.delimiter = new DelimiterSearch(pattern);
    // The first delimiter may open the body without a preceding line break: pretend there was one.
    buffer[0] = CR;
    buffer[1] = LF;
    tail = 2;
  }

  /**
   * Moves to the next part, skipping whatever of the current part (or the preamble) was not read.
   *
   * @return the next part, or {@code null} after the close delimiter
   */
  public @Nullable MultipartPart next() throws IOException {
    if (finished) {
      return null;
    }
    if (partNumber++ == 0) {
      skipPreamble();
    } else {
      skipToDelimiter();
    }
    head = match + delimiter.length();
    match = -1;
    require(2);
    if (buffer[head] == DASH && buffer[head + 1] == DASH) {
      finished = true;
      return null;
    }
    skipTransportPadding();
    Map<String, String> headers = readHeaders();
    return new MultipartPart(headers, new PartContent(partNumber));
  }

  /** Clients send no preamble; a long one is refused rather than read forever. */
  private void skipPreamble() throws IOException {
    long skipped = 0;
    int available;
    while ((available = bodyBytes()) > 0) {
      skipped += available;
      if (skipped > MAX_PREAMBLE_BYTES) {
        throw new MalformedMultipartException("The body does not start with a boundary.");
      }
      head += available;
    }
  }

  private void skipToDelimiter() throws IOException {
    int available;
    while ((available = bodyBytes()) > 0) {
      head += available;
    }
  }

  /** After a delimiter: optional spaces and tabs (a few), then CRLF. */
  private void skipTransportPadding() throws IOException {
    int padding = 0;
    while (true) {
      require(2);
      byte b = buffer[head];
      if ((b == ' ' || b == '\t') && ++padding <= MAX_PADDING) {
        head++;
      } else if (b == CR && buffer[head + 1] == LF) {
        head += 2;
        return;
      } else {
        throw new MalformedMultipartException("A boundary line does not end with CRLF.");
      }
    }
  }

  private Map<String, String> readHeaders() throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    int budget = MAX_HEADER_BYTES;
    while (true) {
      int lineEnd = lineEnd(budget);
      int length = lineEnd - head;
      budget -= length + 2;
      String line = new String(buffer, head, length, StandardCharsets.UTF_8);
      head = lineEnd + 2;
      if (line.isEmpty()) {
        return headers;
      }
      if (!isHeaderText(line)) {
        // Folded lines (obsolete), bare CR or LF, NUL and other controls: browsers send none,
        // and a parser that reads them differently would see other headers than this one.
        throw new MalformedMultipartException("A part header has a control character.");
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new MalformedMultipartException("A part header has no name.");
      }
      String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      if (headers.putIfAbsent(name, line.substring(colon + 1).strip()) != null) {
        throw new MalformedMultipartException("A part repeats a header.");
      }
    }
  }

  /** The index of the CR of the next CRLF at or after {@code head}, within {@code budget} bytes. */
  private int lineEnd(int budget) throws IOException {
    int from = head;
    while (true) {
      for (int i = from; i + 1 < tail; i++) {
        if (buffer[i] == CR && buffer[i + 1] == LF) {
          if (i - head + 2 > budget) {
            break;
          }
          return i;
        }
      }
      if (tail - head + 2 > budget) {
        throw new MalformedMultipartException("The headers of a part are too long.");
      }
      int scanned = tail - head;
      require(tail - head + 1);
      from = head + Math.max(0, scanned - 1);
    }
  }

  /**
   * How many bytes at {@code head} certainly belong to the current part: 0 when the delimiter
   * starts at {@code head}. Reads more input when needed.
   */
  private int bodyBytes() throws IOException {
    while (true) {
      int found = findDelimiter();
      if (found >= 0) {
        return found - head;
      }
      // A delimiter that starts in the last length-1 bytes is not visible yet.
      int safeEnd = tail - (delimiter.length() - 1);
      if (safeEnd > head) {
        return safeEnd - head;
      }
      if (!fill()) {
        throw new MalformedMultipartException("The body ends before its closing boundary.");
      }
    }
  }

  private int findDelimiter() {
    if (match >= 0) {
      return match;
    }
    int from = Math.max(head, scannedTo);
    int found = delimiter.indexOf(buffer, from, tail);
    if (found >= 0) {
      match = found;
    } else {
      scannedTo = Math.max(from, tail - delimiter.length() + 1);
    }
    return found;
  }

  /** Makes at least {@code count} bytes available at {@code head}. */
  private void require(int count) throws IOException {
    while (tail - head < count) {
      if (!fill()) {
        throw new MalformedMultipartException("The body ends before its closing boundary.");
      }
    }
  }

  /** Moves the unread bytes to the front and reads more; false at the end of the input. */
  private boolean fill() throws IOException {
    if (head > 0) {
      System.arraycopy(buffer, head, buffer, 0, tail - head);
      tail -= head;
      if (match >= 0) {
        match -= head;
      }
      scannedTo = Math.max(0, scannedTo - head);
      head = 0;
    }
    if (tail == buffer.length) {
      throw new IllegalStateException("multipart buffer full");
    }
    int read;
    do {
      read = in.read(buffer, tail, buffer.length - tail);
    } while (read == 0);
    if (read < 0) {
      return false;
    }
    tail += read;
    return true;
  }

  /** Header text: no control character but HTAB, and not starting with whitespace. */
  private static boolean isHeaderText(String line) {
    if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
      return false;
    }
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return false;
      }
    }
    return true;
  }

  private static void checkBoundary(String boundary) throws MalformedMultipartException {
    if (boundary.isEmpty()
        || boundary.length() > MAX_BOUNDARY_LENGTH
        || boundary.endsWith(" ")
        || !boundary.chars().allMatch(MultipartReader::isBoundaryChar)) {
      throw new MalformedMultipartException("The multipart boundary is missing or invalid.");
    }
  }

  /** RFC 2046 {@code bchars}. */
  private static boolean isBoundaryChar(int c) {
    return (c >= '0' && c <= '9')
        || (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || "'()+_,-./:=? ".indexOf(c) >= 0;
  }

  /** The content of one part: ends (-1) where the next delimiter starts. */
  private final class PartContent extends InputStream {

    private final int number;
    private boolean ended;

    PartContent(int number) {
      this.number = number;
    }

    @Override
    public int read() throws IOException {
      if (!ensureOpen() || bodyBytes() == 0) {
        ended = true;
        return -1;
      }
      return buffer[head++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      if (len == 0) {
        return 0;
      }
      if (!ensureOpen()) {
        return -1;
      }
      int available = bodyBytes();
      if (available == 0) {
        ended = true;
        return -1;
      }
      int n = Math.min(available, len);
      System.arraycopy(buffer, head, b, off, n);
      head += n;
      return n;
    }

    /**
     * Writes the rest of the content to {@code out} straight from the reader's buffer, saving the
     * copy into a caller's buffer that {@link InputStream#transferTo} makes. {@code out} gets
     * slices of the internal buffer and must not keep them after {@code write} returns (no {@code
     * OutputStream} of the JDK or of Vaultdrop does).
     */
    @Override
    public long transferTo(OutputStream out) throws IOException {
      Objects.requireNonNull(out);
      if (!ensureOpen()) {
        return 0;
      }
      long total = 0;
      int available;
      while ((available = bodyBytes()) > 0) {
        int start = head;
        head += available;
        out.write(buffer, start, available);
        total += available;
      }
      ended = true;
      return total;
    }

    private boolean ensureOpen() throws IOException {
      if (number != partNumber) {
        throw new IOException("The reader has moved on to another part.");
      }
      return !ended;
    }
  }
}
