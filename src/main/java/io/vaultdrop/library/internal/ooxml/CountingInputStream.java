package io.vaultdrop.library.internal.ooxml;

import java.io.InputStream;

/** Counts the bytes handed to the reader above; {@link #close()} does nothing. */
final class CountingInputStream extends ObservedInputStream {

  private long count;

  CountingInputStream(InputStream in) {
    super(in);
  }

  long count() {
    return count;
  }

  @Override
  void observe(byte[] b, int off, int len) {
    count += len;
  }

  /** Closing the ZIP reader must not close the upload. */
  @Override
  public void close() {}
}
