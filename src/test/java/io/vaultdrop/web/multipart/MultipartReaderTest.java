package io.vaultdrop.web.multipart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MultipartReaderTest {

  private static final String BOUNDARY = "----WebKitFormBoundary7MA4YWxkTrZu0gW";

  @Test
  void generatedBodies_roundTrip_whateverTheChunkingOfInputAndReads() throws IOException {
    SplittableRandom random = new SplittableRandom(20261206);
    for (int run = 0; run < 300; run++) {
      String boundary =
          run % 3 == 0 ? "b" : BOUNDARY.substring(0, 1 + random.nextInt(BOUNDARY.length()));
      List<byte[]> contents = new ArrayList<>();
      int partCount = random.nextInt(4) + (run % 10 == 0 ? 0 : 1);
      for (int i = 0; i < partCount; i++) {
        contents.add(trickyContent(random, boundary));
      }
      byte[] body = encode(boundary, contents, random.nextBoolean() ? "preamble\r\n" : "");
      MultipartReader reader = new MultipartReader(new Trickle(body, random.split()), boundary);
      for (int i = 0; i < partCount; i++) {
        MultipartPart part = reader.next();
        assertThat(part).as("run %d part %d", run, i).isNotNull();
        assertThat(part.header("content-disposition")).isEqualTo("form-data; name=\"p" + i + "\"");
        assertThat(readInPieces(part.content(), random))
            .as("run %d part %d", run, i)
            .isEqualTo(contents.get(i));
      }
      assertThat(reader.next()).as("run %d", run).isNull();
      assertThat(reader.next()).isNull();
    }
  }

  @Test
  void largePart_crossesManyBufferRefills() throws IOException {
    byte[] content = new byte[5 * MultipartReader.BUFFER_SIZE + 17];
    new SplittableRandom(1).nextBytes(content);
    byte[] body = encode(BOUNDARY, List.of(content, "x".getBytes(StandardCharsets.US_ASCII)), "");
    MultipartReader reader = new MultipartReader(new ByteArrayInputStream(body), BOUNDARY);
    assertThat(reader.next().content().readAllBytes()).isEqualTo(content);
    assertThat(reader.next().content().readAllBytes()).containsExactly('x');
    assertThat(reader.next()).isNull();
  }

  @Test
  void transferTo_writesTheWholePart_andLeavesTheNextPartIntact() throws IOException {
    byte[] content = new byte[3 * MultipartReader.BUFFER_SIZE + 5];
    new SplittableRandom(2).nextBytes(content);
    byte[] body = encode(BOUNDARY, List.of(content, "next".getBytes()), "");
    MultipartReader reader =
        new MultipartReader(new Trickle(body, new SplittableRandom(5)), BOUNDARY);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InputStream first = reader.next().content();
    assertThat(first.transferTo(out)).isEqualTo(content.length);
    assertThat(out.toByteArray()).isEqualTo(content);
    assertThat(first.transferTo(out)).isZero();
    assertThat(reader.next().content().readAllBytes()).isEqualTo("next".getBytes());
    assertThat(reader.next()).isNull();
  }

  @Test
  void unreadContent_isSkippedByNext_andTheOldStreamRefusesToRead() throws IOException {
    byte[] body = encode(BOUNDARY, List.of(new byte[200_000], "second".getBytes()), "");
    MultipartReader reader = new MultipartReader(new ByteArrayInputStream(body), BOUNDARY);
    MultipartPart first = reader.next();
    assertThat(first.content().read(new byte[10])).isEqualTo(10);
    MultipartPart second = reader.next();
    assertThat(second.header("Content-Disposition")).contains("p1");
    assertThatThrownBy(() -> first.content().read()).isInstanceOf(IOException.class);
    assertThat(second.content().readAllBytes()).isEqualTo("second".getBytes());
  }

  @Test
  void headers_keepUtf8_andTransportPadding() throws IOException {
    String body =
        "--b  \t\r\n"
            + "Content-Disposition: form-data; name=\"file\"; filename=\"отчёт ✓.txt\"\r\n"
            + "CONTENT-TYPE:text/plain \r\n"
            + "\r\n"
            + "hello\r\n--b--";
    MultipartReader reader = reader(body, "b");
    MultipartPart part = reader.next();
    assertThat(part.header("content-disposition"))
        .isEqualTo("form-data; name=\"file\"; filename=\"отчёт ✓.txt\"");
    assertThat(part.header("Content-Type")).isEqualTo("text/plain");
    assertThat(part.content().readAllBytes()).isEqualTo("hello".getBytes());
    assertThat(reader.next()).isNull();
  }

  @Test
  void delimiterLookalikes_inContent_areContent() throws IOException {
    String content = "--b at line start\r\n-b\r\n--\r\n-\r--b";
    MultipartReader reader = reader("--b\r\nA: 1\r\n\r\n" + content + "\r\n--b--\r\n", "b");
    assertThat(new String(reader.next().content().readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo(content);
  }

  @Test
  void partWithoutHeaders_andEmptyContent_areAllowed() throws IOException {
    MultipartReader reader = reader("--b\r\n\r\n\r\n--b--", "b");
    MultipartPart part = reader.next();
    assertThat(part.headers()).isEmpty();
    assertThat(part.content().read()).isEqualTo(-1);
    assertThat(reader.next()).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", // no delimiter at all
        "--b\r\nA: 1\r\n\r\nno close delimiter",
        "--b\r\nA: 1\r\n\r\ncut\r\n--b", // ends right after a delimiter
        "--b\r\nA: 1\r\n\r\ncut\r\n--b-", // ends inside the close delimiter
        "--bx\r\nA: 1\r\n\r\n\r\n--b--", // boundary followed by other characters
        "--b\r\nA 1\r\n\r\n\r\n--b--", // header without a colon
        ": 1\r\n--b\r\n: 1\r\n\r\n\r\n--b--", // header without a name
        "--b\r\nA: 1\r\na: 2\r\n\r\n\r\n--b--", // repeated header
        "--b\nA: 1\n\n\n--b--", // bare line feeds
        "--b\r\nA: 1", // headers cut short
        "--b\r\nA: 1\r\n folded: on\r\n\r\n\r\n--b--", // obsolete line folding
        "--b\r\nA: 1\nB: 2\r\n\r\n\r\n--b--", // bare LF inside the header block
        "--b\r\nA: 1\rB: 2\r\n\r\n\r\n--b--", // bare CR
        "--b\r\nA: 1\u0000\r\n\r\n\r\n--b--", // NUL
      })
  void malformedBodies_areRefused(String body) {
    assertThatThrownBy(
            () -> {
              MultipartReader reader = reader(body, "b");
              for (MultipartPart part; (part = reader.next()) != null; ) {
                part.content().readAllBytes();
              }
            })
        .isInstanceOf(MalformedMultipartException.class)
        .hasMessageNotContaining("A: 1");
  }

  @Test
  void overlongHeaders_areRefused_withoutReadingTheRestOfTheBody() {
    String body = "--b\r\nX: " + "y".repeat(MultipartReader.MAX_HEADER_BYTES) + "\r\n\r\n\r\n--b--";
    assertThatThrownBy(() -> reader(body, "b").next())
        .isInstanceOf(MalformedMultipartException.class)
        .hasMessage("The headers of a part are too long.");
    StringBuilder many = new StringBuilder("--b\r\n");
    for (int i = 0; many.length() < MultipartReader.MAX_HEADER_BYTES + 100; i++) {
      many.append("X").append(i).append(": y\r\n");
    }
    assertThatThrownBy(() -> reader(many.toString(), "b").next())
        .isInstanceOf(MalformedMultipartException.class)
        .hasMessage("The headers of a part are too long.");
  }

  @Test
  void preamble_isSkippedUpToItsLimit_andRefusedBeyond() throws IOException {
    String within = "x".repeat(MultipartReader.MAX_PREAMBLE_BYTES - 2);
    MultipartReader reader = reader(within + "\r\n--b\r\n\r\nok\r\n--b--", "b");
    assertThat(reader.next().content().readAllBytes()).isEqualTo("ok".getBytes());

    String beyond = "x".repeat(MultipartReader.MAX_PREAMBLE_BYTES + 1);
    assertThatThrownBy(() -> reader(beyond + "\r\n--b\r\n\r\nok\r\n--b--", "b").next())
        .isInstanceOf(MalformedMultipartException.class)
        .hasMessage("The body does not start with a boundary.");
    InputStream endless =
        new InputStream() {
          @Override
          public int read() {
            return 'x';
          }
        };
    assertThatThrownBy(() -> new MultipartReader(endless, "b").next())
        .isInstanceOf(MalformedMultipartException.class);
  }

  @Test
  void paddingAfterABoundary_isCapped() throws IOException {
    String few = "--b" + " ".repeat(64) + "\r\n\r\nok\r\n--b--";
    assertThat(reader(few, "b").next().content().readAllBytes()).isEqualTo("ok".getBytes());
    String many = "--b" + " ".repeat(65) + "\r\n\r\nok\r\n--b--";
    assertThatThrownBy(() -> reader(many, "b").next())
        .isInstanceOf(MalformedMultipartException.class);
  }

  @Test
  void headersJustWithinTheLimit_areAccepted() throws IOException {
    // Budget counts every header line with its CRLF plus the empty line's CRLF.
    String value = "y".repeat(MultipartReader.MAX_HEADER_BYTES - "X: \r\n\r\n".length());
    MultipartPart part = reader("--b\r\nX: " + value + "\r\n\r\n\r\n--b--", "b").next();
    assertThat(part.header("x")).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a b ", "a\"b", "a\r\nb", "ü"})
  void invalidBoundaries_areRefused(String boundary) {
    assertThatThrownBy(() -> new MultipartReader(InputStream.nullInputStream(), boundary))
        .isInstanceOf(MalformedMultipartException.class);
  }

  @Test
  void boundaryLength_isCappedAtSeventy() throws IOException {
    new MultipartReader(InputStream.nullInputStream(), "x".repeat(70));
    assertThatThrownBy(() -> new MultipartReader(InputStream.nullInputStream(), "x".repeat(71)))
        .isInstanceOf(MalformedMultipartException.class);
  }

  private static MultipartReader reader(String body, String boundary) throws IOException {
    return new MultipartReader(
        new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), boundary);
  }

  /** Random bytes laced with CRs, LFs, dashes and cut-off copies of the delimiter. */
  private static byte[] trickyContent(SplittableRandom random, String boundary) {
    byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int length = random.nextInt(10) == 0 ? 0 : random.nextInt(3 * MultipartReader.BUFFER_SIZE);
    while (out.size() < length) {
      switch (random.nextInt(6)) {
        case 0 -> out.write(delimiter, 0, random.nextInt(delimiter.length)); // never complete
        case 1 -> out.write(random.nextBoolean() ? '\r' : '\n');
        case 2 -> out.write('-');
        default -> {
          byte[] noise = new byte[random.nextInt(2000)];
          random.nextBytes(noise);
          out.write(noise, 0, noise.length);
        }
      }
    }
    byte[] content = out.toByteArray();
    // Random noise could itself contain the delimiter; a real client picks a boundary that
    // does not occur, so the test does too.
    return new DelimiterSearch(delimiter).indexOf(content, 0, content.length) >= 0
        ? trickyContent(random, boundary)
        : content;
  }

  private static byte[] encode(String boundary, List<byte[]> contents, String preamble) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(preamble.getBytes(StandardCharsets.US_ASCII));
    for (int i = 0; i < contents.size(); i++) {
      out.writeBytes(
          ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"p" + i + "\"\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(contents.get(i));
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes(("--" + boundary + "--\r\nepilogue").getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  /** Reads with random read sizes, after some reads transfers the rest in one transferTo. */
  private static byte[] readInPieces(InputStream in, SplittableRandom random) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[100_000];
    while (true) {
      if (random.nextInt(8) == 0) {
        in.transferTo(out);
        assertThat(in.read()).isEqualTo(-1);
        return out.toByteArray();
      }
      if (random.nextInt(50) == 0) {
        int b = in.read();
        if (b < 0) {
          return out.toByteArray();
        }
        out.write(b);
        continue;
      }
      int n = in.read(buffer, 0, 1 + random.nextInt(buffer.length));
      if (n < 0) {
        return out.toByteArray();
      }
      out.write(buffer, 0, n);
    }
  }

  /** Hands out the body in random-sized pieces, like a socket. */
  private static final class Trickle extends InputStream {
    private final byte[] data;
    private final SplittableRandom random;
    private int position;

    Trickle(byte[] data, SplittableRandom random) {
      this.data = data;
      this.random = random;
    }

    @Override
    public int read() {
      return position < data.length ? data[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (position == data.length) {
        return -1;
      }
      int n = Math.min(Math.min(len, data.length - position), 1 + random.nextInt(70_000));
      System.arraycopy(data, position, b, off, n);
      position += n;
      return n;
    }
  }
}
