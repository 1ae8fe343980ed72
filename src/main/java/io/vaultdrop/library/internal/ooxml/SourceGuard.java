package io.vaultdrop.library.internal.ooxml;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The upload as the validator reads it: every byte is also written to {@code copy} (the encryptor,
 * so one pass both checks and stores), and an I/O failure of the upload or of the copy (a size
 * limit, a broken connection, a failing blob store) is remembered, so it is reported as what it is
 * and never mistaken for a damaged ZIP file.
 */
final class SourceGuard extends ObservedInputStream {

  private final OutputStream copy;
  private IOException failure;

  SourceGuard(InputStream in, OutputStream copy) {
    super(in);
    this.copy = copy;
  }

  @Override
  void observe(byte[] b, int off, int len) throws IOException {
    copy.write(b, off, len);
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
      return super.read(b, off, len);
    } catch (IOException e) {
      failure = e;
      throw e;
    }
  }

  /** Throws the upload's or the copy's own failure, if there was one. */
  void rethrowFailure() throws IOException {
    if (failure != null) {
      throw failure;
    }
  }

  /** The upload and the copy belong to the caller. */
  @Override
  public void close() {}
}
