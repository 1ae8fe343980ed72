package io.vaultdrop.library.internal.ooxml;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream that lets a subclass see every byte read through it, in order, exactly once: skipping
 * reads too, mark/reset is unsupported, and {@link #available()} is 0 (no byte seen here is ever
 * hidden in a buffer above, which {@link PositionedZipInputStream} relies on).
 */
abstract class ObservedInputStream extends FilterInputStream {

  ObservedInputStream(InputStream in) {
    super(in);
  }

  /** Called with the bytes just read. */
  abstract void observe(byte[] b, int off, int len) throws IOException;

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      observe(new byte[] {(byte) b}, 0, 1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      observe(b, off, n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] scratch = new byte[(int) Math.min(Math.max(n, 0), 8192)];
    long skipped = 0;
    while (skipped < n) {
      int read = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
      if (read < 0) {
        break;
      }
      skipped += read;
    }
    return skipped;
  }

  @Override
  public int available() {
    return 0;
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
}
