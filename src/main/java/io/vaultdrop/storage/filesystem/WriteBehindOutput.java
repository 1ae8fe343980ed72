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
 * <p>A failure of the file write is thrown by the next {@link #write}, or by {@link #drain}. {@link
 * #drain} waits until every block is in the file; {@link #stop} ends the writer thread without
 * writing what is left (an aborted blob). After either, the channel is the caller's again.
 */
final class WriteBehindOutput extends OutputStream {

  static final int BUFFER_SIZE = 256 * 1024;
  static final int BUFFERS = 4;

  /** Ends the writer thread; never written. */
  private static final ByteBuffer STOP = ByteBuffer.allocate(0);

  private final FileChannel channel;
  private final BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BUFFERS);
  private final BlockingQueue<ByteBuffer> full = new ArrayBlockingQueue<>(BUFFERS + 1);
  private final Thread writer;
  private volatile IOException failure;
  private volatile boolean stopping;
  private ByteBuffer current;
  private boolean finished;

  WriteBehindOutput(FileChannel channel) {
    this.channel = channel;
    for (int i = 0; i < BUFFERS; i++) {
      free.add(ByteBuffer.allocate(BUFFER_SIZE));
    }
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
        current = take(free);
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
    if (failure != null) {
      throw failure;
    }
  }

  /** Ends the writer thread, dropping unwritten blocks; idempotent. */
  void stop() {
    finished = true;
    stopping = true;
    full.clear();
    full.offer(STOP);
    join();
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
          return;
        }
        while (block.hasRemaining()) {
          channel.write(block);
        }
        block.clear();
        free.add(block);
      }
    } catch (IOException e) {
      failure = e;
      free.clear();
      free.offer(STOP); // wakes a writer waiting for a buffer
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void ensureOpen() throws IOException {
    if (failure != null) {
      throw failure;
    }
    if (finished) {
      throw new IOException("blob stream is closed");
    }
  }

  private ByteBuffer take(BlockingQueue<ByteBuffer> queue) throws IOException {
    try {
      ByteBuffer buffer = queue.take();
      if (buffer == STOP) {
        throw failure;
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
