package io.vaultdrop.shares.internal;

import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.objects.ObjectGoneException;
import io.vaultdrop.objects.ReadAheadCopy;
import io.vaultdrop.objects.StoredObjects;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.zip.Checksum;
import org.jspecify.annotations.Nullable;

/**
 * The zip of a share of several files, streamed from byte {@code from} on (0, or where a resumed
 * transfer continues): each file's object is opened ({@link SharedFileReader}) when its entry's
 * data begins, decrypted on the way ({@link ReadAheadCopy}) and closed when the entry ends, so one
 * object is open at a time and nothing is held but the copy buffers; files wholly before {@code
 * from} are not opened. A file that is gone or fails mid-archive ends the transfer with an
 * exception (the connection is cut short of its {@code Content-Length}, never a short archive that
 * looks complete).
 */
final class ShareZipBody implements ShareTransfers.Body {

  private final StoredObjects objects;
  private final List<ShareFile> files;
  private final List<ShareZip.Entry> entries;
  private final DataKey key;
  private final Instant time;
  private final long from;
  private long finishedBytes;
  private SharedFileReader.@Nullable Opened current;

  ShareZipBody(
      StoredObjects objects,
      List<ShareFile> files,
      List<ShareZip.Entry> entries,
      DataKey key,
      Instant time,
      long from) {
    this.objects = objects;
    this.files = List.copyOf(files);
    this.entries = List.copyOf(entries);
    this.key = key;
    this.time = time;
    this.from = from;
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    long written = ShareZip.write(entries, time, from, this::copy, out);
    if (written != ShareZip.length(entries) - from) {
      throw new IOException("the zip is not the announced length");
    }
  }

  private void copy(int index, long offset, Checksum skipped, OutputStream out) throws IOException {
    SharedFileReader.Opened opened;
    try {
      opened = SharedFileReader.open(objects, files.get(index), key, offset, skipped);
    } catch (ObjectGoneException e) {
      throw new IOException("a file of the share is gone", e);
    }
    current = opened;
    try {
      opened.writeTo(out);
    } finally {
      finishedBytes += opened.bytesRead();
      current = null;
      opened.close();
    }
  }

  @Override
  public long bytesRead() {
    SharedFileReader.Opened open = current;
    return finishedBytes + (open == null ? 0 : open.bytesRead());
  }

  @Override
  public void close() {
    SharedFileReader.Opened open = current;
    current = null;
    try {
      if (open != null) {
        open.close();
      }
    } finally {
      key.destroy();
    }
  }
}
