package io.vaultdrop.library.internal.ooxml;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Remembers an I/O failure of the upload itself (a size limit, a broken connection, a failing
 * encryptor behind a tee), so that it is reported as what it is and never mistaken for a damaged
 * ZIP file.
 */
final class SourceGuard extends FilterInputStream {

  private IOException failure;

  SourceGuard(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    try {
      return in.read();
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

  /** Throws the source's own failure, if there was one. */
  void rethrowFailure() throws IOException {
    if (failure != null) {
      throw failure;
    }
  }
}
