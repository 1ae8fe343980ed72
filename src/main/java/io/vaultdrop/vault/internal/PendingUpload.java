package io.vaultdrop.vault.internal;

import com.google.crypto.tink.HybridEncrypt;
import io.vaultdrop.objects.NewObject;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * A running vault upload: its quota reservation, then ({@link #store}) its content as a pending
 * object. {@link VaultService#publish} makes it a file; closing it without that discards the object
 * and the reservation. Use it in try-with-resources; one thread at a time.
 */
public final class PendingUpload implements AutoCloseable {

  private final VaultUploads uploads;
  final String ownerId;
  final String fileId;
  final HybridEncrypt encrypter;

  /** The most plaintext bytes the file may have: its reservation. */
  final long limit;

  @Nullable NewObject object;
  @Nullable String name;
  long size;
  byte @Nullable [] wrappedKey;
  boolean published;
  boolean closed;

  PendingUpload(
      VaultUploads uploads, String ownerId, String fileId, HybridEncrypt encrypter, long limit) {
    this.uploads = uploads;
    this.ownerId = ownerId;
    this.fileId = fileId;
    this.encrypter = encrypter;
    this.limit = limit;
  }

  /**
   * Streams the file's content, encrypted, into a new pending object and commits it.
   *
   * @param fileName the display name, already sanitised by the web layer
   * @throws io.vaultdrop.errors.DomainException 413 {@code quota_exceeded} beyond the reservation,
   *     413 {@code too_large} beyond the largest upload; the object is discarded
   */
  public void store(String fileName, InputStream content) throws IOException {
    uploads.store(this, fileName, content);
  }

  /** Discards the object and the reservation unless the upload was published; never throws. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      uploads.discard(this);
    }
  }

  @Override
  public String toString() {
    return "PendingUpload[" + fileId + "]";
  }
}
