package io.vaultdrop.crypto.internal;

import io.vaultdrop.crypto.DecryptionFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The plaintext stream handed to callers: turns every failure of the decrypting library into a
 * {@link DecryptionFailedException} (an I/O failure of the source stays what it was), and keeps
 * failing after the first failure so that nobody reads past a bad segment.
 */
final class GuardedPlaintext extends InputStream {

  static final int TRANSFER_BUFFER_SIZE = 64 * 1024;

  private final InputStream decrypting;
  private final TrackedSource source;
  private final String what;
  private IOException failure;

  GuardedPlaintext(InputStream decrypting, TrackedSource source, String what) {
    this.decrypting = decrypting;
    this.source = source;
    this.what = what;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int read;
    do {
      read = read(one, 0, 1);
    } while (read == 0);
    return read < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (failure != null) {
      throw failure;
    }
    if (len == 0) {
      return 0;
    }
    try {
      return decrypting.read(b, off, len);
    } catch (IOException | RuntimeException e) {
      failure = translate(e, source, what);
      throw failure;
    }
  }

  /**
   * Copies in whole 64 KiB segments: the JDK's 16 KiB loop would split every segment into four
   * writes down to the socket.
   */
  @Override
  public long transferTo(OutputStream out) throws IOException {
    Objects.requireNonNull(out);
    byte[] buffer = new byte[TRANSFER_BUFFER_SIZE];
    long total = 0;
    int read;
    while ((read = read(buffer, 0, buffer.length)) >= 0) {
      out.write(buffer, 0, read);
      total += read;
    }
    return total;
  }

  @Override
  public void close() throws IOException {
    decrypting.close();
  }

  /** The exception to surface for a failure while opening or reading an object. */
  static IOException translate(Exception e, TrackedSource source, String what) {
    if (source.failure() != null) {
      return source.failure();
    }
    if (e instanceof DecryptionFailedException failed) {
      return failed;
    }
    return new DecryptionFailedException(what + " failed authentication or is malformed", e);
  }
}
