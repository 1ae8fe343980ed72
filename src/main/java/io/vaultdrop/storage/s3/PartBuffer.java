package io.vaultdrop.storage.s3;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Holds the bytes of one part, at most {@code capacity} of them. The array grows by doubling, so a
 * small blob costs little memory while a large one reuses one part-sized array for all its parts.
 */
final class PartBuffer {

  private static final int INITIAL = 64 * 1024;

  private final int capacity;
  private byte[] bytes;
  private int length;

  PartBuffer(int capacity) {
    this.capacity = capacity;
    this.bytes = new byte[Math.min(INITIAL, capacity)];
  }

  /** Copies as much of {@code source} as fits and returns how many bytes it took. */
  int fill(byte[] source, int offset, int count) {
    int n = Math.min(count, capacity - length);
    ensure(length + n);
    System.arraycopy(source, offset, bytes, length, n);
    length += n;
    return n;
  }

  boolean isFull() {
    return length == capacity;
  }

  int length() {
    return length;
  }

  /**
   * The buffered bytes as a request body, without copying them: the SDK may read the body more than
   * once (signing, retries), each time from a fresh stream. Valid until {@link #clear()}.
   */
  RequestBody body() {
    int size = length;
    byte[] content = bytes;
    return RequestBody.fromContentProvider(
        () -> new ByteArrayInputStream(content, 0, size), size, "application/octet-stream");
  }

  void clear() {
    length = 0;
  }

  /** Drops the array (after commit or abort), so a lingering writer holds no part in memory. */
  void release() {
    bytes = new byte[0];
    length = 0;
  }

  private void ensure(int needed) {
    if (needed > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.min(capacity, Math.max(needed, bytes.length * 2)));
    }
  }
}
