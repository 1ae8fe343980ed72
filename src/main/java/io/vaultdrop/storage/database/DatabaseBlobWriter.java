package io.vaultdrop.storage.database;

import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobInfo;
import io.vaultdrop.storage.internal.StagedBlobWriter;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;

/**
 * Fills one chunk-sized buffer and inserts it as a row whenever it is full; commit inserts the last
 * partial chunk and flips the blob row to complete in one statement, which is what makes the blob
 * visible.
 */
final class DatabaseBlobWriter extends StagedBlobWriter {

  private final BlobRows rows;
  private final Clock clock;
  private final byte[] buffer;
  private int filled;
  private int seq;

  DatabaseBlobWriter(BlobId id, BlobRows rows, Clock clock, int chunkSize) {
    super(id);
    this.rows = rows;
    this.clock = clock;
    this.buffer = new byte[chunkSize];
  }

  @Override
  protected void stage(byte[] bytes, int offset, int length) throws IOException {
    int position = offset;
    int remaining = length;
    while (remaining > 0) {
      int n = Math.min(remaining, buffer.length - filled);
      System.arraycopy(bytes, position, buffer, filled, n);
      filled += n;
      position += n;
      remaining -= n;
      if (filled == buffer.length) {
        flushFullChunk();
      }
    }
  }

  @Override
  protected BlobInfo publish(long size) throws IOException {
    if (filled > 0) {
      rows.insertChunk(id(), seq++, Arrays.copyOf(buffer, filled));
      filled = 0;
    }
    Instant now = Instant.ofEpochMilli(clock.millis());
    if (!rows.markComplete(id(), size, now.toEpochMilli())) {
      throw new IOException("blob write was cancelled");
    }
    return new BlobInfo(id(), size, now);
  }

  @Override
  protected void discard() throws IOException {
    rows.deletePending(id());
  }

  private void flushFullChunk() throws IOException {
    rows.insertChunk(id(), seq++, buffer);
    filled = 0;
    if (!rows.touchPending(id(), clock.millis())) {
      throw new IOException("blob write was cancelled");
    }
  }
}
