package io.vaultdrop.web;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts bytes while they are read and fails as soon as more than {@code limit} arrive. */
final class LimitedInputStream extends FilterInputStream {

  private final long limit;
  private long count;
  private boolean exceeded;

  LimitedInputStream(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  boolean exceeded() {
    return exceeded;
  }

  long count() {
    return count;
  }

  long limit() {
    return limit;
  }

  @Override
  public int read() throws IOException {
    check();
    int b = in.read();
    if (b >= 0) {
      add(1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    check();
    // Never read more than one byte past the limit: that byte proves the excess.
    int allowed = (int) Math.min(len, limit - count + 1);
    int n = in.read(b, off, allowed);
    if (n > 0) {
      add(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] buffer = new byte[(int) Math.min(n, 8192)];
    long skipped = 0;
    while (skipped < n) {
      int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
      if (read < 0) {
        break;
      }
      skipped += read;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public synchronized void mark(int readlimit) {}

  @Override
  public synchronized void reset() throws IOException {
    throw new IOException("mark/reset not supported");
  }

  private void add(int n) throws UploadLimitExceededException {
    count += n;
    if (count > limit) {
      exceeded = true;
      throw new UploadLimitExceededException();
    }
  }

  private void check() throws UploadLimitExceededException {
    if (exceeded) {
      throw new UploadLimitExceededException();
    }
  }
}
