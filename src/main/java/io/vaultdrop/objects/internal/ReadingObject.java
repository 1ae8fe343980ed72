package io.vaultdrop.objects.internal;

import io.micrometer.core.instrument.Counter;
import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.crypto.DecryptionFailedException;
import io.vaultdrop.crypto.ObjectCipher;
import io.vaultdrop.objects.OpenedObject;
import io.vaultdrop.objects.StorageUnavailableException;
import io.vaultdrop.storage.BlobId;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * {@link OpenedObject}: the blob's stream, counted as a reader in the ledger until closed. The
 * stream handed out feeds the transfer metrics: its bytes as they are read, a download when it is
 * read to its end, a decryption failure when it does not authenticate (once per object).
 */
final class ReadingObject implements OpenedObject {

  private final BlobId id;
  private final String feature;
  private final InputStream stored;
  private final ObjectCipher cipher;
  private final LedgerStoredObjects objects;
  private final TransferMetrics metrics;
  private boolean failureCounted;
  private @Nullable StorageFailures handedOut;
  private boolean closed;

  ReadingObject(
      BlobId id,
      String feature,
      InputStream stored,
      ObjectCipher cipher,
      LedgerStoredObjects objects,
      TransferMetrics metrics) {
    this.id = id;
    this.feature = feature;
    this.stored = stored;
    this.cipher = cipher;
    this.objects = objects;
    this.metrics = metrics;
  }

  @Override
  public BlobId id() {
    return id;
  }

  @Override
  public InputStream ciphertext() {
    requireFirstUse();
    handedOut = new StorageFailures(stored);
    return handedOut;
  }

  @Override
  public InputStream decrypt(DataKey key, byte[] associatedData) throws IOException {
    requireFirstUse();
    try {
      handedOut = new StorageFailures(cipher.decrypt(stored, key, associatedData));
    } catch (DecryptionFailedException e) {
      decryptionFailed();
      throw e;
    } catch (IOException e) {
      throw new StorageUnavailableException(e);
    }
    return handedOut;
  }

  @Override
  public long bytesRead() {
    return handedOut == null ? 0 : handedOut.count;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      (handedOut == null ? stored : handedOut).close();
    } catch (IOException | RuntimeException e) {
      // Closing a read stream loses nothing.
    } finally {
      objects.endRead(id);
    }
  }

  private void decryptionFailed() {
    if (!failureCounted) {
      failureCounted = true;
      metrics.decryptionFailed(feature);
    }
  }

  /**
   * Tells storage failures from damaged content (a read that fails for any reason but a failed
   * authentication is a {@link StorageUnavailableException}) and counts the bytes read.
   */
  private final class StorageFailures extends FilterInputStream {
    private final @Nullable Counter transferred = metrics.bytes(feature, "download");
    private long count;
    private boolean ended;

    StorageFailures(InputStream in) {
      super(in);
    }

    private void counted(long n) {
      if (n > 0) {
        count += n;
        if (transferred != null) {
          transferred.increment(n);
        }
      } else if (n < 0 && !ended) {
        ended = true;
        metrics.downloaded(feature);
      }
    }

    @Override
    public int read() throws IOException {
      try {
        int b = in.read();
        counted(b >= 0 ? 1 : -1);
        return b;
      } catch (IOException e) {
        throw classified(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        int n = in.read(b, off, len);
        counted(n);
        return n;
      } catch (IOException e) {
        throw classified(e);
      }
    }

    /**
     * A failed read as the caller must see it: a decryption failure (counted) stays one, anything
     * else from below is the blob store failing ({@link StorageUnavailableException}).
     */
    private IOException classified(IOException e) {
      if (e instanceof DecryptionFailedException) {
        decryptionFailed();
        return e;
      }
      return e instanceof StorageUnavailableException ? e : new StorageUnavailableException(e);
    }

    /**
     * Skipped bytes (before a resumed or ranged download's first byte) are decrypted and checked
     * but not sent, so they are not counted as transferred; their failures are told apart as in a
     * read.
     */
    @Override
    public long skip(long n) throws IOException {
      try {
        return in.skip(n);
      } catch (IOException e) {
        throw classified(e);
      }
    }
  }

  private void requireFirstUse() {
    if (handedOut != null || closed) {
      throw new IllegalStateException("an opened object is read once");
    }
  }
}
