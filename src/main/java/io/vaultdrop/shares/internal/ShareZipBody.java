package io.vaultdrop.shares.internal;

import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.objects.ObjectGoneException;
import io.vaultdrop.objects.OpenedObject;
import io.vaultdrop.objects.ReadAheadCopy;
import io.vaultdrop.objects.StoredObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The zip of a share of several files, streamed: each file's object is opened when its entry
 * begins, decrypted on the way ({@link ReadAheadCopy}) and closed when the entry ends, so one
 * object is open at a time and nothing is held but the copy buffers. A file that is gone or fails
 * mid-archive ends the transfer with an exception (the connection is cut short of its {@code
 * Content-Length}, never a short archive that looks complete).
 */
final class ShareZipBody implements ShareTransfers.Body {

  private final StoredObjects objects;
  private final List<ShareFile> files;
  private final List<ShareZip.Entry> entries;
  private final DataKey key;
  private final Instant time;
  private long finishedBytes;
  private @Nullable OpenedObject current;

  ShareZipBody(
      StoredObjects objects,
      List<ShareFile> files,
      List<ShareZip.Entry> entries,
      DataKey key,
      Instant time) {
    this.objects = objects;
    this.files = List.copyOf(files);
    this.entries = List.copyOf(entries);
    this.key = key;
    this.time = time;
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    long written = ShareZip.write(entries, time, this::copy, out);
    if (written != ShareZip.length(entries)) {
      throw new IOException("the zip is not the announced length");
    }
  }

  private void copy(int index, OutputStream out) throws IOException {
    ShareFile file = files.get(index);
    OpenedObject object;
    try {
      object = objects.open(file.blobId());
    } catch (ObjectGoneException e) {
      throw new IOException("a file of the share is gone", e);
    }
    current = object;
    try {
      InputStream plaintext = object.decrypt(key, file.associatedData());
      ReadAheadCopy.copy(plaintext, out);
    } finally {
      finishedBytes += object.bytesRead();
      current = null;
      object.close();
    }
  }

  @Override
  public long bytesRead() {
    OpenedObject open = current;
    return finishedBytes + (open == null ? 0 : open.bytesRead());
  }

  @Override
  public void close() {
    OpenedObject open = current;
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
