package io.vaultdrop.storage.database;

import io.vaultdrop.storage.BlobId;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Reads a blob one chunk row at a time: at most one chunk is held, and one {@code read} never
 * returns bytes of two chunks. The expected size comes from the blob row, so a chunk deleted while
 * reading is an error, never a silently short blob.
 */
final class ChunkInputStream extends InputStream {

  private final BlobRows rows;
  private final BlobId id;
  private final long size;
  private byte[] chunk = new byte[0];
  private int position;
  private int nextSeq;
  private long delivered;
  private boolean closed;

  ChunkInputStream(BlobRows rows, BlobId id, long size) {
    this.rows = rows;
    this.id = id;
    this.size = size;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] target, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, target.length);
    if (closed) {
      throw new IOException("blob stream is closed");
    }
    if (length == 0) {
      return 0;
    }
    if (position == chunk.length && !nextChunk()) {
      return -1;
    }
    int n = Math.min(length, chunk.length - position);
    System.arraycopy(chunk, position, target, offset, n);
    position += n;
    delivered += n;
    return n;
  }

  @Override
  public int available() {
    return chunk.length - position;
  }

  @Override
  public void close() {
    closed = true;
    chunk = new byte[0];
    position = 0;
  }

  private boolean nextChunk() throws IOException {
    long readSoFar = delivered + (chunk.length - position);
    if (readSoFar >= size) {
      return false;
    }
    byte[] next = rows.chunk(id, nextSeq);
    if (next == null || next.length == 0 || readSoFar + next.length > size) {
      throw new IOException("blob content is incomplete (deleted while reading?)");
    }
    nextSeq++;
    chunk = next;
    position = 0;
    return true;
  }
}
