package io.vaultdrop.objects.internal;

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

/** {@link OpenedObject}: the blob's stream, counted as a reader in the ledger until closed. */
final class ReadingObject implements OpenedObject {

  private final BlobId id;
  private final InputStream stored;
  private final ObjectCipher cipher;
  private final LedgerStoredObjects objects;
  private @Nullable StorageFailures handedOut;
  private boolean closed;

  ReadingObject(BlobId id, InputStream stored, ObjectCipher cipher, LedgerStoredObjects objects) {
    this.id = id;
    this.stored = stored;
    this.cipher = cipher;
    this.objects = objects;
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

  /**
   * Tells storage failures from damaged content (a read that fails for any reason but a failed
   * authentication is a {@link StorageUnavailableException}) and counts the bytes read.
   */
  private static final class StorageFailures extends FilterInputStream {
    private long count;

    StorageFailures(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        int b = in.read();
        if (b >= 0) {
          count++;
        }
        return b;
      } catch (DecryptionFailedException | StorageUnavailableException e) {
        throw e;
      } catch (IOException e) {
        throw new StorageUnavailableException(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        int n = in.read(b, off, len);
        if (n > 0) {
          count += n;
        }
        return n;
      } catch (DecryptionFailedException | StorageUnavailableException e) {
        throw e;
      } catch (IOException e) {
        throw new StorageUnavailableException(e);
      }
    }
  }

  private void requireFirstUse() {
    if (handedOut != null || closed) {
      throw new IllegalStateException("an opened object is read once");
    }
  }
}
