package io.vaultdrop.storage.filesystem;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Buffers writes in {@value #BUFFER_SIZE}-byte blocks and writes the blocks to the file on a second
 * thread, so that the thread receiving and encrypting an upload never waits for the file system: on
 * a multi-core machine the two overlap. Memory is fixed at {@value #BUFFERS} blocks.
 *
 * <p>The file goes to disk while it is written ({@link EarlyWriteback}). A failure of the file
 * write or of an early force is thrown by the next {@link #write}, or by {@link #drain}. {@link
 * #drain} waits until every block is in the file; {@link #stop} ends the writer thread without
 * writing what is left (an aborted blob). After either, no thread of this class uses the channel:
 * it is the caller's again.
 */
final class WriteBehindOutput extends OutputStream {

  static final int BUFFER_SIZE = 256 * 1024;
  static final int BUFFERS = 4;

  /** Ends the writer thread; never written. */
  private static final ByteBuffer STOP = ByteBuffer.allocate(0);

  private final FileChannel channel;
  // One more than BUFFERS: room for the STOP that fail() adds beside every block.
  private final BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BUFFERS + 1);
  private final BlockingQueue<ByteBuffer> full = new ArrayBlockingQueue<>(BUFFERS + 1);
  private final Thread writer;
  private final EarlyWriteback writeback;
  private volatile IOException failure;
  private volatile boolean stopping;
  private volatile boolean completed;
  private int allocated;
  private ByteBuffer current;
  private boolean finished;

  WriteBehindOutput(FileChannel channel) {
    this.channel = channel;
    this.writeback = new EarlyWriteback(channel, this::fail);
    this.writer = Thread.ofVirtual().name("blob-write-behind").start(this::writeBlocks);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
    ensureOpen();
    while (length > 0) {
      if (current == null) {
        current = nextBuffer();
      }
      int n = Math.min(length, current.remaining());
      current.put(bytes, offset, n);
      offset += n;
      length -= n;
      if (!current.hasRemaining()) {
        submitCurrent();
      }
    }
  }

  /** Writes out what is buffered and waits until the file has it all; the thread then ends. */
  void drain() throws IOException {
    ensureOpen();
    finished = true;
    if (current != null && current.position() > 0) {
      submitCurrent();
    }
    put(STOP);
    join();
    writeback.stop();
    if (failure != null) {
      throw failed();
    }
    if (!completed) {
      throw new IOException("blob writer thread ended before writing everything");
    }
  }

  /** Ends the writer thread, dropping unwritten blocks; idempotent. */
  void stop() {
    finished = true;
    stopping = true;
    full.clear();
    full.offer(STOP);
    join();
    writeback.stop();
  }

  private void submitCurrent() throws IOException {
    current.flip();
    put(current);
    current = null;
  }

  private void writeBlocks() {
    try {
      while (true) {
        ByteBuffer block = full.take();
        if (block == STOP || stopping) {
          completed = block == STOP && !stopping;
          return;
        }
        int length = block.remaining();
        while (block.hasRemaining()) {
          channel.write(block);
        }
        writeback.written(length);
        block.clear();
        free.offer(block);
      }
    } catch (IOException e) {
      fail(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(new InterruptedIOException("blob write interrupted"));
    } catch (RuntimeException | Error e) {
      // Never end silently: drain() must not mistake a dead writer for a finished one.
      fail(new IOException("blob write failed", e));
    }
  }

  /**
   * A fresh exception for each caller, caused by the one failure: throwing the same instance from a
   * write and again from the close of a try-with-resources made Java add it to itself as
   * suppressed, which fails with "Self-suppression not permitted" and hides the real cause.
   */
  private IOException failed() {
    return new IOException(failure.getMessage(), failure);
  }

  private synchronized void fail(IOException e) {
    if (failure != null) {
      return;
    }
    failure = e;
    free.clear();
    free.offer(STOP); // wakes an uploader waiting for a buffer
  }

  /** A free block: a recycled one, a new one while fewer than BUFFERS exist, else wait. */
  private ByteBuffer nextBuffer() throws IOException {
    ByteBuffer recycled = free.poll();
    if (recycled == STOP) {
      throw failed();
    }
    if (recycled != null) {
      return recycled;
    }
    if (allocated < BUFFERS) {
      allocated++;
      return ByteBuffer.allocate(BUFFER_SIZE);
    }
    return take(free);
  }

  private void ensureOpen() throws IOException {
    if (failure != null) {
      throw failed();
    }
    if (finished) {
      throw new IOException("blob stream is closed");
    }
  }

  private ByteBuffer take(BlockingQueue<ByteBuffer> queue) throws IOException {
    try {
      ByteBuffer buffer = queue.take();
      if (buffer == STOP) {
        throw failed();
      }
      return buffer;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("blob write interrupted");
    }
  }

  private void put(ByteBuffer block) throws IOException {
    try {
      full.put(block);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("blob write interrupted");
    }
  }

  private void join() {
    boolean interrupted = false;
    while (true) {
      try {
        writer.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
