package io.vaultdrop.shares.internal;

import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.objects.OpenedObject;
import io.vaultdrop.objects.ReadAheadCopy;
import io.vaultdrop.objects.StoredObjects;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.Checksum;
import org.jspecify.annotations.Nullable;

/**
 * The one way a download reads a shared file: opened at an offset, for a file sent alone (fresh or
 * resumed) and for an entry of the zip (fresh or resumed).
 *
 * <p>The object format has no index to seek by, so a file opened at an offset starts at its first
 * segment: the segments before the offset are decrypted and authenticated, then dropped (constant
 * memory). Only the file the offset falls into is read that way; the zip skips the files before it
 * without opening them.
 */
final class SharedFileReader {

  private static final int SKIP_BUFFER = 64 * 1024;

  private SharedFileReader() {}

  /** An opened file: its object (released by {@link #close()}) and its plaintext. */
  record Opened(OpenedObject object, InputStream plaintext) implements ShareTransfers.Body {

    @Override
    public void writeTo(OutputStream out) throws IOException {
      ReadAheadCopy.copy(plaintext, out);
    }

    @Override
    public long bytesRead() {
      return object.bytesRead();
    }

    @Override
    public void close() {
      object.close();
    }
  }

  /**
   * Opens the plaintext of {@code file} positioned at {@code offset}; the key commitment is checked
   * before anything is returned. The key may be destroyed once this returns.
   *
   * @param skipped receives the bytes before {@code offset}, if not {@code null} (the zip verifies
   *     each entry's CRC-32 over the whole file, resumed or not)
   * @throws io.vaultdrop.objects.ObjectGoneException the file's object is gone
   * @throws io.vaultdrop.objects.StorageUnavailableException the blob store failed
   * @throws EOFException the file ends before {@code offset}
   */
  static Opened open(
      StoredObjects objects, ShareFile file, DataKey key, long offset, @Nullable Checksum skipped)
      throws IOException {
    OpenedObject object = objects.open(file.blobId());
    try {
      InputStream plaintext = object.decrypt(key, file.associatedData());
      skip(plaintext, offset, skipped);
      return new Opened(object, plaintext);
    } catch (IOException | RuntimeException e) {
      object.close();
      throw e;
    }
  }

  private static void skip(InputStream in, long count, @Nullable Checksum skipped)
      throws IOException {
    if (count == 0) {
      return;
    }
    byte[] buffer = new byte[(int) Math.min(SKIP_BUFFER, count)];
    long left = count;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new EOFException("the file ends before the offset");
      }
      if (skipped != null) {
        skipped.update(buffer, 0, n);
      }
      left -= n;
    }
  }
}
