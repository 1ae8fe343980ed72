package io.vaultdrop.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReadAheadCopyTest {

  private static final int BUFFER = ReadAheadCopy.BUFFER_SIZE;

  @ParameterizedTest
  @ValueSource(ints = {0, 1, BUFFER - 1, BUFFER, BUFFER + 1, 3 * BUFFER, 1_000_003})
  void copiesEveryByteInOrder(int size) throws IOException {
    byte[] data = random(size);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Source source = new Source(data, Integer.MAX_VALUE);

    assertThat(ReadAheadCopy.copy(source, out)).isEqualTo(size);

    assertThat(out.toByteArray()).isEqualTo(data);
    assertThat(source.reader.get().isAlive()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, BUFFER + 5, 5 * BUFFER + 7})
  void readFailure_isThrownAfterExactlyTheBytesReadBeforeIt(int failAt) {
    byte[] data = random(6 * BUFFER);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Source source = new Source(data, failAt);

    assertThatThrownBy(() -> ReadAheadCopy.copy(source, out))
        .isInstanceOf(IOException.class)
        .hasMessage("bad segment");

    assertThat(out.toByteArray()).isEqualTo(Arrays.copyOf(data, failAt));
    assertThat(source.reader.get().isAlive()).isFalse();
  }

  @Test
  void writeFailure_stopsTheReader_beforeCopyReturns() {
    Source source = new Source(random(50 * BUFFER), Integer.MAX_VALUE);
    OutputStream clientGone =
        new OutputStream() {
          private int writes;

          @Override
          public void write(int b) {}

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            if (++writes == 2) {
              throw new IOException("connection reset");
            }
          }
        };

    assertThatThrownBy(() -> ReadAheadCopy.copy(source, clientGone)).hasMessage("connection reset");

    assertThat(source.reader.get().isAlive()).isFalse();
    // The reader stops early instead of decrypting the whole file for nobody.
    assertThat(source.position).isLessThanOrEqualTo((2 + ReadAheadCopy.BUFFERS + 1) * BUFFER);
  }

  @Test
  void writeFailure_whileTheReaderWaitsForAFreeBuffer_stopsTheReader() {
    Source source = new Source(random(50 * BUFFER), Integer.MAX_VALUE);
    OutputStream clientGoneOnceReaderWaits =
        new OutputStream() {
          @Override
          public void write(int b) {}

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            // Every buffer is full or in this write: the reader parks in free.take().
            Thread reader = source.reader.get();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (reader.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
              Thread.onSpinWait();
            }
            throw new IOException("connection reset");
          }
        };

    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () ->
            assertThatThrownBy(() -> ReadAheadCopy.copy(source, clientGoneOnceReaderWaits))
                .hasMessage("connection reset"));

    assertThat(source.reader.get().isAlive()).isFalse();
  }

  @Test
  void runtimeFailureOfTheReader_reachesTheCaller() {
    InputStream broken =
        new InputStream() {
          @Override
          public int read() {
            throw new IllegalStateException("decoder bug");
          }
        };
    assertThatThrownBy(() -> ReadAheadCopy.copy(broken, OutputStream.nullOutputStream()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("decoder bug");
  }

  private static byte[] random(int size) {
    byte[] data = new byte[size];
    new SplittableRandom(size).nextBytes(data);
    return data;
  }

  /** Hands out data in uneven pieces and fails with "bad segment" at {@code failAt}. */
  private static final class Source extends InputStream {
    private final byte[] data;
    private final int failAt;
    private final SplittableRandom random = new SplittableRandom(7);
    final AtomicReference<Thread> reader = new AtomicReference<>();
    volatile int position;

    Source(byte[] data, int failAt) {
      this.data = data;
      this.failAt = failAt;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      reader.set(Thread.currentThread());
      if (position == failAt) {
        throw new IOException("bad segment");
      }
      if (position == data.length) {
        return -1;
      }
      int limit = Math.min(data.length, failAt) - position;
      int n = Math.min(Math.min(len, limit), 1 + random.nextInt(40_000));
      System.arraycopy(data, position, b, off, n);
      position += n;
      return n;
    }
  }
}
