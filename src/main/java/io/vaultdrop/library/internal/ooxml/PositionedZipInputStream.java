package io.vaultdrop.library.internal.ooxml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipInputStream;

/**
 * A {@link ZipInputStream} that knows the archive offset of the next byte it will consume, so the
 * offset of every local file header can be compared with the central directory.
 *
 * <p>How: {@code ZipInputStream} reads its source through a {@link java.io.PushbackInputStream}
 * (the inherited {@code in}) and pushes back whatever it read ahead of the current structure (the
 * inflater's unused input, a data descriptor without signature). The source below is a {@link
 * CountingInputStream} whose {@code available()} is 0, so {@code in.available()} is exactly the
 * number of pushed-back bytes, and {@code position = counted - pushed back}. Between entries (after
 * {@link #closeEntry()}) the position is exact; while an entry inflates it runs ahead by at most
 * the inflater's input buffer (512 bytes). Should a JDK ever read differently, the offsets would
 * stop matching the central directory and valid files would be refused: the check fails closed.
 */
final class PositionedZipInputStream extends ZipInputStream {

  private final CountingInputStream source;

  PositionedZipInputStream(CountingInputStream source) {
    super(source, StandardCharsets.UTF_8);
    this.source = source;
  }

  /** Archive offset of the next byte this reader will consume. */
  long position() throws IOException {
    return source.count() - in.available();
  }
}
