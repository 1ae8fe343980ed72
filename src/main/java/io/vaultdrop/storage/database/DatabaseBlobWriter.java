package io.vaultdrop.storage.database;

import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobInfo;
import io.vaultdrop.storage.BlobWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * Fills one chunk-sized buffer and inserts it as a row whenever it is full; commit inserts the last
 * partial chunk and flips the blob row to complete in one statement, which is what makes the blob
 * visible.
 */
final class DatabaseBlobWriter implements BlobWriter {

  private enum State {
    OPEN,
    COMMITTED,
    ABORTED
  }

  private final BlobId id;
  private final BlobRows rows;
  private final Clock clock;
  private final byte[] buffer;
  private final Sink sink = new Sink();
  private int filled;
  private int seq;
  private long size;
  private State state = State.OPEN;
  private boolean streamClosed;

  DatabaseBlobWriter(BlobId id, BlobRows rows, Clock clock, int chunkSize) {
    this.id = id;
    this.rows = rows;
    this.clock = clock;
    this.buffer = new byte[chunkSize];
  }

  @Override
  public BlobId id() {
    return id;
  }

  @Override
  public OutputStream stream() {
    return sink;
  }

  @Override
  public BlobInfo commit() throws IOException {
    if (state != State.OPEN) {
      throw new IllegalStateException("blob write already " + state.name().toLowerCase());
    }
    try {
      if (filled > 0) {
        rows.insertChunk(id, seq++, Arrays.copyOf(buffer, filled));
        filled = 0;
      }
      Instant now = Instant.ofEpochMilli(clock.millis());
      if (!rows.markComplete(id, size, now.toEpochMilli())) {
        throw new IOException("blob write was cancelled");
      }
      state = State.COMMITTED;
      return new BlobInfo(id, size, now);
    } finally {
      if (state != State.COMMITTED) {
        abort();
      }
    }
  }

  @Override
  public void abort() throws IOException {
    if (state != State.OPEN) {
      return;
    }
    state = State.ABORTED;
    rows.deletePending(id);
  }

  @Override
  public void close() throws IOException {
    abort();
  }

  private void flushFullChunk() throws IOException {
    rows.insertChunk(id, seq++, buffer);
    filled = 0;
    if (!rows.touchPending(id, clock.millis())) {
      throw new IOException("blob write was cancelled");
    }
  }

  /** Copies into the chunk buffer; closing it ends the data without committing. */
  private final class Sink extends OutputStream {

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      if (state != State.OPEN || streamClosed) {
        throw new IOException("blob stream is closed");
      }
      Objects.checkFromIndexSize(offset, length, bytes.length);
      int position = offset;
      int remaining = length;
      while (remaining > 0) {
        int n = Math.min(remaining, buffer.length - filled);
        System.arraycopy(bytes, position, buffer, filled, n);
        filled += n;
        position += n;
        remaining -= n;
        size += n;
        if (filled == buffer.length) {
          flushFullChunk();
        }
      }
    }

    @Override
    public void close() {
      streamClosed = true;
    }
  }
}
