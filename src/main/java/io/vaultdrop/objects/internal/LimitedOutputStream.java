package io.vaultdrop.objects.internal;

import io.micrometer.core.instrument.Counter;
import io.vaultdrop.objects.ObjectTooLargeException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Counts the bytes written and refuses any beyond the limit before they reach the sink; adds the
 * admitted bytes to the transfer counter as they flow.
 */
final class LimitedOutputStream extends FilterOutputStream {

  private final long limit;
  private final @Nullable Counter transferred;
  private long count;
  private boolean closed;

  LimitedOutputStream(OutputStream out, long limit, @Nullable Counter transferred) {
    super(out);
    this.limit = limit;
    this.transferred = transferred;
  }

  long count() {
    return count;
  }

  @Override
  public void write(int b) throws IOException {
    admit(1);
    out.write(b);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    admit(len);
    out.write(b, off, len);
  }

  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      out.close();
    }
  }

  private void admit(int len) throws ObjectTooLargeException {
    if (len > limit - count) {
      throw new ObjectTooLargeException(limit);
    }
    count += len;
    if (transferred != null) {
      transferred.increment(len);
    }
  }
}
