package io.vaultdrop.crypto.internal;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;

/** What a reader got out of a decrypting stream before it ended or failed. */
record Drained(byte[] released, Throwable failure) {

  interface Opener {
    InputStream open() throws Exception;
  }

  /** Opens and reads everything with an odd buffer size, capturing the first failure. */
  static Drained from(Opener opener) {
    return from(opener, 8191);
  }

  /** Opens and reads everything with {@code bufferSize}-byte reads, capturing the first failure. */
  static Drained from(Opener opener, int bufferSize) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = opener.open()) {
      byte[] buffer = new byte[bufferSize];
      int read;
      while ((read = in.read(buffer)) != -1) {
        out.write(buffer, 0, read);
      }
      return new Drained(out.toByteArray(), null);
    } catch (Throwable e) {
      return new Drained(out.toByteArray(), e);
    }
  }
}
