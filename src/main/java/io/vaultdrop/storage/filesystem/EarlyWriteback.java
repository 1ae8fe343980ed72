package io.vaultdrop.storage.filesystem;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.function.Consumer;

/**
 * Makes the kernel write a blob file to disk while it is still being written, so that the {@code
 * fsync} of {@link FilesystemBlobWriter#publish} finds little left to do. Without it the kernel
 * starts writing back only once a tenth of the memory is dirty, and a 1 GiB upload then waited
 * about 1.4 s for the disk after its last byte arrived (see {@code docs/benchmarks.md}).
 *
 * <p>After every {@value #INTERVAL} bytes written, a thread of its own calls {@link
 * FileChannel#force force(false)} ({@code fdatasync}) while the writing goes on. Requests that
 * arrive during a force are merged into the next one. This changes nothing in the durability
 * contract: commit still forces the whole file and its metadata. A failed early force fails the
 * blob (reported through the failure consumer): after a failed {@code fsync} Linux may drop the
 * dirty pages and report success to the next one, so the final force alone could not be trusted.
 */
final class EarlyWriteback {

  static final long INTERVAL = 16L << 20;

  private final FileChannel channel;
  private final Consumer<IOException> failure;
  private final Thread thread;

  /** Bytes written since the last request; writer thread only. */
  private long unsynced;

  private boolean requested;
  private boolean stopped;

  EarlyWriteback(FileChannel channel, Consumer<IOException> failure) {
    this.channel = channel;
    this.failure = failure;
    this.thread = Thread.ofVirtual().name("blob-early-writeback").start(this::run);
  }

  /** Counts {@code length} more bytes written to the channel; called by one thread. */
  void written(int length) {
    unsynced += length;
    if (unsynced >= INTERVAL) {
      unsynced = 0;
      request();
    }
  }

  /** Ends the thread after its current force, if any; idempotent. */
  void stop() {
    synchronized (this) {
      stopped = true;
      notifyAll();
    }
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

  private synchronized void request() {
    requested = true;
    notifyAll();
  }

  private void run() {
    while (awaitRequest()) {
      try {
        channel.force(false);
      } catch (IOException e) {
        failure.accept(e);
        return;
      }
    }
  }

  /** Waits for a request; false once stopped. */
  private synchronized boolean awaitRequest() {
    while (!requested && !stopped) {
      try {
        wait();
      } catch (InterruptedException e) {
        return false;
      }
    }
    requested = false;
    return !stopped;
  }
}
