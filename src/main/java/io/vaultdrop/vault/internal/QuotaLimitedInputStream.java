package io.vaultdrop.vault.internal;

import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes at most {@code limit} bytes through; one byte more is a {@code 413 quota_exceeded}, thrown
 * as soon as it arrives (the upload stops streaming there).
 */
final class QuotaLimitedInputStream extends FilterInputStream {

  private final long limit;
  private long count;

  QuotaLimitedInputStream(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  static DomainException quotaExceeded() {
    return new DomainException(
        ErrorCode.QUOTA_EXCEEDED, "The file does not fit into your vault's remaining space.");
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      counted(1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      counted(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    counted(skipped);
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void counted(long n) {
    count += n;
    if (count > limit) {
      throw quotaExceeded();
    }
  }
}
