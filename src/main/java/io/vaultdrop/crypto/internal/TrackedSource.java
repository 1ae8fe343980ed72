package io.vaultdrop.crypto.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The raw ciphertext source, remembering its own I/O failure so that a storage error is reported as
 * such and not as tampering once a library has wrapped it.
 */
final class TrackedSource extends FilterInputStream {

  private IOException failure;

  TrackedSource(InputStream in) {
    super(in);
  }

  IOException failure() {
    return failure;
  }

  @Override
  public int read() throws IOException {
    try {
      return super.read();
    } catch (IOException e) {
      failure = e;
      throw e;
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      return in.read(b, off, len);
    } catch (IOException e) {
      failure = e;
      throw e;
    }
  }

  @Override
  public long skip(long n) throws IOException {
    try {
      return super.skip(n);
    } catch (IOException e) {
      failure = e;
      throw e;
    }
  }
}
