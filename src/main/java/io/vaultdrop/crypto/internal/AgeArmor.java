package io.vaultdrop.crypto.internal;

import io.vaultdrop.crypto.AgeFiles;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * age's ASCII armor around a binary age file (age-encryption.org/v1, "ASCII armor"): strict PEM,
 * the {@code AGE ENCRYPTED FILE} label, standard Base64 with padding in lines of exactly 64 columns
 * (the last one shorter or equal), LF line endings. An encoding of ciphertext, no cryptography: the
 * JDK's MIME encoder writes the lines, this class the header and footer.
 */
final class AgeArmor extends FilterOutputStream {

  private static final byte[] HEADER =
      (AgeFiles.ARMOR_HEADER + "\n").getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FOOTER =
      "\n-----END AGE ENCRYPTED FILE-----\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] LF = {'\n'};

  private final OutputStream sink;
  private boolean closed;

  AgeArmor(OutputStream sink) throws IOException {
    super(Base64.getMimeEncoder(64, LF).wrap(new Unclosed(sink)));
    this.sink = sink;
    sink.write(HEADER);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    out.write(bytes, offset, length);
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (sink) {
      out.close(); // the last group and its padding; the sink stays open
      sink.write(FOOTER);
      sink.flush();
    }
  }

  /** Keeps the sink open when the Base64 encoder is closed, so the footer can follow. */
  private static final class Unclosed extends FilterOutputStream {
    Unclosed(OutputStream sink) {
      super(sink);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      out.write(bytes, offset, length);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
