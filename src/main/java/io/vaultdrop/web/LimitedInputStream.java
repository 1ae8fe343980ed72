package io.vaultdrop.web;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

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

  /**
   * Lets the source hand its bytes straight to {@code out} (the multipart reader writes from its
   * own buffer), counting them on the way: bytes beyond the limit fail before {@code out} sees
   * them.
   */
  @Override
  public long transferTo(OutputStream out) throws IOException {
    check();
    return in.transferTo(new CountingOutput(out));
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

  private final class CountingOutput extends OutputStream {

    private final OutputStream out;

    CountingOutput(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      add(1);
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      add(len);
      out.write(b, off, len);
    }
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
