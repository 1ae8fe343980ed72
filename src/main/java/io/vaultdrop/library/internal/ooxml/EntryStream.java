package io.vaultdrop.library.internal.ooxml;

import java.io.IOException;
import java.io.InputStream;

/**
 * The inflated bytes of the current ZIP entry, counted as they are read: against the policy's total
 * ({@link Budget}, shared by all entries of one archive) and against the compression ratio of this
 * entry, so a zip bomb is abandoned after at most about {@code ratioGraceBytes} of output, long
 * before it could exhaust anything.
 */
final class EntryStream extends InputStream {

  /** Uncompressed bytes of the whole archive so far. */
  static final class Budget {
    private long inflated;

    void add(int n, OoxmlPolicy policy) throws RejectedPackageException {
      inflated += n;
      if (inflated > policy.maxUncompressedBytes()) {
        throw new RejectedPackageException(
            Reasons.tooLargeUncompressed(policy.maxUncompressedBytes()));
      }
    }
  }

  private final PositionedZipInputStream zip;
  private final long dataStart;
  private final OoxmlPolicy policy;
  private final Budget budget;
  private long inflated;

  /**
   * @param dataStart archive offset of the entry's first compressed byte
   */
  EntryStream(PositionedZipInputStream zip, long dataStart, OoxmlPolicy policy, Budget budget) {
    this.zip = zip;
    this.dataStart = dataStart;
    this.policy = policy;
    this.budget = budget;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = zip.read(b, off, len);
    if (n > 0) {
      inflated += n;
      budget.add(n, policy);
      if (inflated > policy.ratioGraceBytes()) {
        // Runs ahead of the real compressed count by at most the inflater's input buffer.
        checkRatio(zip.position() - dataStart);
      }
    }
    return n;
  }

  /** This entry, failing once more than {@code maxXmlPartBytes} were read from it. */
  InputStream limited() {
    int max = policy.maxXmlPartBytes();
    return new InputStream() {
      private long read;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = EntryStream.this.read(b, off, len);
        if (n > 0 && (read += n) > max) {
          throw new RejectedPackageException(Reasons.xmlPartTooLarge(max));
        }
        return n;
      }
    };
  }

  /** Reads what is left of the entry (so its CRC and sizes get verified). */
  void drain(byte[] buffer) throws IOException {
    while (read(buffer, 0, buffer.length) >= 0) {
      // counted and checked in read
    }
  }

  /** The exact check once the entry ended and its compressed size is known. */
  void checkFinalRatio(long compressedSize) throws RejectedPackageException {
    if (inflated > policy.ratioGraceBytes()) {
      checkRatio(compressedSize);
    }
  }

  private void checkRatio(long compressed) throws RejectedPackageException {
    if (inflated > (double) policy.maxCompressionRatio() * Math.max(1, compressed)) {
      throw new RejectedPackageException(Reasons.compressionRatio(policy.maxCompressionRatio()));
    }
  }
}
