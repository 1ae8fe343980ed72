package io.vaultdrop.uploads.internal;

import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.crypto.DecryptionFailedException;
import io.vaultdrop.crypto.KeyUnwrapException;
import io.vaultdrop.crypto.MasterKeyRing;
import io.vaultdrop.crypto.WrappedKey;
import io.vaultdrop.objects.OpenedObject;
import io.vaultdrop.objects.StoredObjects;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The plaintext of a finished upload: its chunks in order, each opened (as a counted reader) and
 * decrypted only when the previous one has been read to its end. A chunk that is missing, out of
 * place or of another length than recorded fails the stream with {@link DamagedUploadException};
 * end of stream is reported only after the last chunk authenticated.
 */
final class UploadContent extends InputStream {

  private final String key;
  private final long size;
  private final List<UploadChunk> chunks;
  private final StoredObjects objects;
  private final MasterKeyRing keys;
  private int next;
  private @Nullable OpenedObject current;
  private @Nullable InputStream plaintext;
  private long readInChunk;
  private boolean closed;

  UploadContent(
      String key, long size, List<UploadChunk> chunks, StoredObjects objects, MasterKeyRing keys) {
    this.key = key;
    this.size = size;
    this.chunks = chunks;
    this.objects = objects;
    this.keys = keys;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (closed) {
      throw new IOException("stream closed");
    }
    if (length == 0) {
      return 0;
    }
    while (true) {
      if (plaintext == null && !openNext()) {
        return -1;
      }
      UploadChunk chunk = chunks.get(next - 1);
      int n;
      try {
        n = plaintext.read(buffer, offset, length);
      } catch (DecryptionFailedException e) {
        throw new DamagedUploadException("an upload chunk does not authenticate", e);
      }
      if (n > 0) {
        readInChunk += n;
        if (readInChunk > chunk.sizeBytes()) {
          throw new DamagedUploadException("an upload chunk is longer than recorded");
        }
        return n;
      }
      if (readInChunk != chunk.sizeBytes()) {
        throw new DamagedUploadException("an upload chunk is shorter than recorded");
      }
      closeCurrent();
    }
  }

  private boolean openNext() throws IOException {
    long expectedStart = 0;
    if (next > 0) {
      UploadChunk previous = chunks.get(next - 1);
      expectedStart = previous.startOffset() + previous.sizeBytes();
    }
    if (next == chunks.size()) {
      if (expectedStart != size) {
        throw new DamagedUploadException("an upload's last chunk is missing");
      }
      return false;
    }
    UploadChunk chunk = chunks.get(next);
    if (chunk.startOffset() != expectedStart) {
      throw new DamagedUploadException("an upload chunk is missing");
    }
    next++;
    readInChunk = 0;
    byte[] bound =
        UploadService.chunkContext(key, chunk.startOffset()).getBytes(StandardCharsets.UTF_8);
    current = objects.open(chunk.blobId());
    try (DataKey dataKey = keys.unwrap(WrappedKey.fromBytes(chunk.wrappedKey()), bound)) {
      plaintext = current.decrypt(dataKey, bound);
    } catch (KeyUnwrapException | DecryptionFailedException e) {
      closeCurrent();
      throw new DamagedUploadException("an upload chunk does not authenticate", e);
    } catch (IOException | RuntimeException e) {
      closeCurrent();
      throw e;
    }
    return true;
  }

  private void closeCurrent() {
    plaintext = null;
    if (current != null) {
      current.close();
      current = null;
    }
  }

  @Override
  public void close() {
    closed = true;
    closeCurrent();
  }
}
