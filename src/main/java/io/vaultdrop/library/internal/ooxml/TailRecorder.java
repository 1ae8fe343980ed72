package io.vaultdrop.library.internal.ooxml;

import java.io.InputStream;
import java.util.Arrays;

/**
 * Counts the bytes read through it and remembers the last {@code capacity} of them, so the ZIP end
 * records and central directory can be parsed once the stream has ended, without a temporary file
 * and in bounded memory: the buffer grows with the file up to {@code capacity}, then wraps.
 */
final class TailRecorder extends ObservedInputStream {

  private static final int INITIAL = 64 * 1024;

  private final int capacity;
  private byte[] buffer;
  private long count;

  TailRecorder(InputStream in, int capacity) {
    super(in);
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
    this.buffer = new byte[Math.min(capacity, INITIAL)];
  }

  /** Bytes read so far. */
  long count() {
    return count;
  }

  /** Offset of the oldest byte still held. */
  long start() {
    return Math.max(0, count - capacity);
  }

  /** The byte at absolute {@code offset}, which must lie in {@code [start(), count())}. */
  int byteAt(long offset) {
    if (offset < start() || offset >= count) {
      throw new IndexOutOfBoundsException("offset outside the recorded tail");
    }
    return buffer[(int) (offset % capacity)] & 0xFF;
  }

  /** Whether {@code [offset, offset + length)} is held. */
  boolean holds(long offset, long length) {
    return offset >= start() && length >= 0 && offset + length <= count;
  }

  @Override
  void observe(byte[] b, int off, int len) {
    record(b, off, len);
  }

  private void record(byte[] b, int off, int len) {
    if (buffer.length < capacity && count + len > buffer.length) {
      long needed = Math.min(capacity, count + len);
      long size = buffer.length;
      while (size < needed) {
        size = Math.min(capacity, size * 2);
      }
      buffer = Arrays.copyOf(buffer, (int) size);
    }
    // From here either everything fits without wrapping, or the buffer has its full capacity and
    // byte x lives at x % capacity.
    if (len > capacity) {
      int skip = len - capacity;
      off += skip;
      count += skip;
      len = capacity;
    }
    int position = (int) (count % capacity);
    int first = Math.min(len, capacity - position);
    System.arraycopy(b, off, buffer, position, first);
    if (first < len) {
      System.arraycopy(b, off + first, buffer, 0, len - first);
    }
    count += len;
  }
}
