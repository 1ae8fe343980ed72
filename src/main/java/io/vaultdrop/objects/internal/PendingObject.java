package io.vaultdrop.objects.internal;

import io.vaultdrop.crypto.CipherSuite;
import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.crypto.ObjectCipher;
import io.vaultdrop.objects.NewObject;
import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.jspecify.annotations.Nullable;

/** {@link NewObject}: a blob writer plus the object's pending registration. */
final class PendingObject implements NewObject {

  private final BlobId id;
  private final String feature;
  private final BlobWriter writer;
  private final long maxBytes;
  private final ObjectCipher cipher;
  private final LedgerStoredObjects objects;
  private @Nullable LimitedOutputStream sink;
  private boolean committed;
  private long storedSize = -1;
  private boolean published;
  private boolean closed;

  PendingObject(
      BlobId id,
      String feature,
      BlobWriter writer,
      long maxBytes,
      ObjectCipher cipher,
      LedgerStoredObjects objects) {
    this.id = id;
    this.feature = feature;
    this.writer = writer;
    this.maxBytes = maxBytes;
    this.cipher = cipher;
    this.objects = objects;
  }

  @Override
  public BlobId id() {
    return id;
  }

  @Override
  public OutputStream encrypt(CipherSuite suite, DataKey key, String keyId, byte[] associatedData)
      throws IOException {
    requireNoSink();
    sink =
        new LimitedOutputStream(
            cipher.encrypt(writer.stream(), suite, key, keyId, associatedData),
            maxBytes,
            objects.uploadBytes(feature));
    return sink;
  }

  @Override
  public OutputStream ciphertext() {
    requireNoSink();
    sink = new LimitedOutputStream(writer.stream(), maxBytes, objects.uploadBytes(feature));
    return sink;
  }

  @Override
  public long written() {
    return sink == null ? 0 : sink.count();
  }

  @Override
  public long commit() throws IOException {
    if (sink == null || committed || closed) {
      throw new IllegalStateException("nothing to commit");
    }
    sink.close();
    storedSize = writer.commit().size();
    committed = true;
    return storedSize;
  }

  @Override
  public InputStream readCommitted() throws IOException {
    if (!committed || closed) {
      throw new IllegalStateException("read back after commit, before close");
    }
    return objects.openPending(id);
  }

  @Override
  public void publish(Runnable rows) {
    if (!committed || published || closed) {
      throw new IllegalStateException("publish once, after commit");
    }
    objects.publish(id, feature, storedSize, rows);
    published = true;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (published) {
      return;
    }
    try {
      writer.abort();
    } catch (IOException | RuntimeException e) {
      // Leftovers of an unfinished write are the storage sweeper's.
    }
    objects.forgetPending(id, committed);
  }

  private void requireNoSink() {
    if (sink != null || closed) {
      throw new IllegalStateException("one sink per object");
    }
  }

  @Override
  public String toString() {
    return "NewObject[" + feature + ", " + id + "]";
  }
}
