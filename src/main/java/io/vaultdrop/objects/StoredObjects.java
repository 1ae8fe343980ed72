package io.vaultdrop.objects;

import io.vaultdrop.storage.BlobId;
import java.io.IOException;
import java.util.Collection;
import java.util.List;

/**
 * The one lifecycle of a stored encrypted object, shared by every feature.
 *
 * <ul>
 *   <li><b>Write</b>: {@link #create} registers a pending object, then the feature streams into it
 *       ({@link NewObject}), commits the blob and publishes it together with its own rows in one
 *       transaction. A crash at any point leaves nothing or a pending object that the sweeper
 *       removes after {@code VAULTDROP_OBJECTS_PENDING_AGE}.
 *   <li><b>Read</b>: {@link #open} opens a published object and counts the reader until the
 *       returned {@link OpenedObject} is closed. A storage failure is a {@link
 *       StorageUnavailableException}, before anything is claimed or sent.
 *   <li><b>Delete</b>: {@link #delete} marks objects inside the caller's transaction; their blobs
 *       go after it commits (a rollback keeps them) and only once no reader is left. A delete that
 *       fails (storage down) is retried by the sweeper, so deleting never fails on storage.
 * </ul>
 *
 * <p>Implementations are thread-safe and cluster-safe: the ledger lives in the shared database.
 */
public interface StoredObjects {

  /**
   * Registers a new pending object of {@code feature} (committed at once, whatever transaction
   * surrounds the call) and starts writing its blob.
   *
   * @param feature the owning feature, lower case (e.g. {@code shares}); logs and metrics name it
   * @param maxBytes the most bytes the feature may write through the returned object's sink; beyond
   *     it a write throws {@link ObjectTooLargeException}
   */
  NewObject create(String feature, long maxBytes) throws IOException;

  /**
   * Opens a published object for reading.
   *
   * @throws ObjectGoneException no published object has this id (never written, deleted, or being
   *     deleted)
   * @throws StorageUnavailableException the blob store failed or does not have the blob; the reader
   *     is released again
   */
  OpenedObject open(BlobId id) throws IOException;

  /**
   * Marks published objects as deleted. Inside a transaction the blobs are deleted after it
   * commits; without one, at once. Readers in flight finish first. Unknown ids are ignored.
   *
   * @return how many objects this call marked
   */
  int delete(Collection<BlobId> ids);

  /** {@link #delete(Collection)} of one object. */
  default int delete(BlobId id) {
    return delete(List.of(id));
  }
}
