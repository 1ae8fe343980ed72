package io.vaultdrop.storage.s3;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
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

  /**
   * The entity tag S3 gives a single-part object with these bytes: the quoted hex MD5 (not under
   * SSE-KMS or SSE-C, where the check using it then simply fails safe). MD5 identifies our own
   * write here; it protects nothing.
   */
  String singlePartETag() {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      md5.update(bytes, 0, length);
      return "\"" + HexFormat.of().formatHex(md5.digest()) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is a required JDK algorithm", e);
    }
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
