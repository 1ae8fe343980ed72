package io.vaultdrop.objects;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.jspecify.annotations.Nullable;

/**
 * Copies a download with the reading (file or database reads and decryption) on one thread and the
 * writing to the client on the calling thread, so that on a multi-core machine the two overlap: a
 * decrypted download then runs near the speed of the slower half instead of the sum. {@link
 * #inputStream} does the same for a consumer that pulls: the claim of a resumable upload decrypts
 * its chunks on the reader thread while the feature encrypts and stores them.
 *
 * <p>Memory is fixed: {@value #BUFFERS} buffers of {@value #BUFFER_SIZE} bytes per copy. Order and
 * failures are preserved: the writer sends exactly the bytes the reader produced, in order, and a
 * read failure (for instance a segment that fails authentication) is thrown by {@link #copy} after
 * the bytes before it, just as a plain copy loop would. The reader thread is always finished when
 * {@code copy} returns, so the caller may close the source afterwards.
 */
public final class ReadAheadCopy {

  /**
   * 256 KiB: measured against 64 KiB (with a platform reader thread, 1 GiB share downloads, two A/B
   * pairs in one session) the download ran at 834 and 884 MiB/s against 775 and 707; it costs 1 MiB
   * of heap per running download instead of 256 KiB (docs/benchmarks.md).
   */
  static final int BUFFER_SIZE = 256 * 1024;

  /**
   * A buffer is filled in reads of at most this many bytes, one stored segment: a read that fails
   * (a segment that does not authenticate) loses only what it had gathered itself, so the bytes of
   * every segment before the bad one still reach the client.
   */
  static final int READ_SIZE = 64 * 1024;

  static final int BUFFERS = 4;

  private ReadAheadCopy() {}

  /**
   * Copies everything from {@code in} to {@code out}.
   *
   * @return the number of bytes copied
   * @throws IOException the reader's failure, or the writer's
   */
  public static long copy(InputStream in, OutputStream out) throws IOException {
    Pipe pipe = new Pipe();
    // A platform thread: the reader blocks in file reads, which pin a virtual thread's carrier.
    Thread reader =
        Thread.ofPlatform().daemon().name("download-read-ahead").start(() -> pipe.fill(in));
    try {
      return pipe.drain(out);
    } finally {
      pipe.cancel();
      joinUninterruptibly(reader);
    }
  }

  /**
   * {@code in}, read ahead on its own thread: the caller's processing of one buffer (encrypting and
   * writing it, say) overlaps the reading and decryption of the next. Same buffers, order and
   * failure behaviour as {@link #copy}; a failure is thrown by the read that reaches it, and by
   * every read after it. Closing the stream stops the reader, waits for it and closes {@code in}.
   */
  public static InputStream inputStream(InputStream in) {
    Pipe pipe = new Pipe();
    Thread reader = Thread.ofPlatform().daemon().name("read-ahead").start(() -> pipe.fill(in));
    return new AheadStream(pipe, reader, in);
  }

  /** The reading end of {@link #inputStream}. Not thread-safe, like any input stream. */
  private static final class AheadStream extends InputStream {

    private final Pipe pipe;
    private final Thread reader;
    private final InputStream source;
    private @Nullable Chunk current;
    private int position;
    private boolean ended;
    private @Nullable Throwable failure;
    private boolean closed;

    AheadStream(Pipe pipe, Thread reader, InputStream source) {
      this.pipe = pipe;
      this.reader = reader;
      this.source = source;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      Objects.checkFromIndexSize(offset, length, buffer.length);
      if (closed) {
        throw new IOException("stream closed");
      }
      if (failure != null) {
        // A fresh exception each time: one instance thrown twice breaks try-with-resources.
        throw new IOException("an earlier read failed", failure);
      }
      if (length == 0) {
        return 0;
      }
      Chunk chunk = current;
      while (chunk == null) {
        if (ended) {
          return -1;
        }
        Chunk next = pipe.take();
        if (next.failure() != null) {
          failure = next.failure();
          throw Pipe.rethrow(next.failure());
        }
        if (next.isEnd()) {
          ended = true;
          return -1;
        }
        chunk = next;
        current = next;
        position = 0;
      }
      int n = Math.min(length, chunk.length() - position);
      System.arraycopy(chunk.buffer(), position, buffer, offset, n);
      position += n;
      if (position == chunk.length()) {
        pipe.free.add(chunk.buffer());
        current = null;
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      pipe.cancel();
      joinUninterruptibly(reader);
      source.close();
    }
  }

  private static void joinUninterruptibly(Thread thread) {
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** A filled buffer, the end of the data, or the reader's failure. */
  private record Chunk(byte[] buffer, int length, Throwable failure) {

    static final Chunk END = new Chunk(new byte[0], -1, null);

    boolean isEnd() {
      return length < 0 && failure == null;
    }
  }

  private static final class Pipe {

    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(BUFFERS + 1);
    private volatile boolean cancelled;

    Pipe() {
      for (int i = 0; i < BUFFERS; i++) {
        free.add(new byte[BUFFER_SIZE]);
      }
    }

    /**
     * Reader thread: fills buffers until the end, a failure or cancellation. The bytes read before
     * a failure are handed on first, so the writer sends exactly what a plain copy loop would.
     */
    void fill(InputStream in) {
      boolean ended = false;
      try {
        while (!cancelled) {
          byte[] buffer = free.take();
          int length = 0;
          int read = 0;
          try {
            while (length < buffer.length
                && (read = in.read(buffer, length, Math.min(READ_SIZE, buffer.length - length)))
                    >= 0) {
              length += read;
            }
          } catch (IOException | RuntimeException | Error e) {
            if (length > 0) {
              full.put(new Chunk(buffer, length, null));
            }
            throw e;
          }
          if (length > 0) {
            full.put(new Chunk(buffer, length, null));
          }
          if (read < 0) {
            full.put(Chunk.END);
            ended = true;
            return;
          }
        }
      } catch (InterruptedException e) {
        // Cancelled while waiting: the writer is gone.
      } catch (IOException | RuntimeException | Error e) {
        ended = full.offer(new Chunk(new byte[0], -1, e));
      } finally {
        // Whatever happened, the writer must not wait for a chunk that never comes.
        if (!ended && !cancelled) {
          full.offer(
              new Chunk(new byte[0], -1, new IOException("download reader stopped unexpectedly")));
        }
      }
    }

    /** Calling thread: writes chunks in order until the end, rethrowing the reader's failure. */
    long drain(OutputStream out) throws IOException {
      long total = 0;
      while (true) {
        Chunk chunk = take();
        if (chunk.failure() != null) {
          throw rethrow(chunk.failure());
        }
        if (chunk.isEnd()) {
          return total;
        }
        out.write(chunk.buffer(), 0, chunk.length());
        total += chunk.length();
        free.add(chunk.buffer());
      }
    }

    Chunk take() throws InterruptedIOException {
      try {
        return full.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("download interrupted");
      }
    }

    /** Stops the reader: it may be waiting for a free buffer, or room for its last chunk. */
    void cancel() {
      cancelled = true;
      full.clear();
      for (int i = 0; i < BUFFERS; i++) {
        free.offer(new byte[0]);
      }
    }

    static IOException rethrow(Throwable failure) {
      if (failure instanceof IOException io) {
        return io;
      }
      if (failure instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (failure instanceof Error error) {
        throw error;
      }
      throw new UncheckedIOException(new IOException(failure));
    }
  }
}
