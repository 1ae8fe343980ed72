package io.vaultdrop.objects;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Copies a download with the reading (file or database reads and decryption) on one thread and the
 * writing to the client on the calling thread, so that on a multi-core machine the two overlap: a
 * decrypted download then runs near the speed of the slower half instead of the sum.
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

    private Chunk take() throws InterruptedIOException {
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

    private static IOException rethrow(Throwable failure) {
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
