package io.vaultdrop.storage;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Stores opaque, immutable byte sequences ("blobs") under random {@link BlobId}s.
 *
 * <p>Callers hand in ciphertext only; a store never looks inside. Every operation streams with
 * constant memory, whatever the blob size. The backend is chosen with {@code
 * VAULTDROP_STORAGE_TYPE}; all backends pass the same contract test suite.
 *
 * <ul>
 *   <li><b>Immutable</b>: a committed blob never changes; writing an id that already exists fails
 *       with {@link BlobAlreadyExistsException}.
 *   <li><b>Atomic</b>: a blob is visible whole or not at all (see {@link BlobWriter}).
 *   <li><b>Errors</b>: {@link IOException}s whose messages carry no id, path or key, so they may be
 *       logged; they are still never echoed to clients.
 *   <li><b>Thread-safe</b>: any number of threads may use one store concurrently.
 * </ul>
 */
public interface BlobStore {

  /** Largest page {@link #list} returns. */
  int MAX_PAGE_SIZE = 1000;

  /** Starts writing a new blob under a fresh random id. */
  default BlobWriter create() throws IOException {
    return create(BlobId.random());
  }

  /**
   * Starts writing a new blob under {@code id}.
   *
   * @throws BlobAlreadyExistsException if {@code id} is stored or being written (a backend may
   *     detect it only at {@link BlobWriter#commit()})
   */
  BlobWriter create(BlobId id) throws IOException;

  /**
   * Writes {@code content} to its end as blob {@code id} and commits it; on any failure nothing is
   * stored. Does not close {@code content}.
   */
  default BlobInfo put(BlobId id, InputStream content) throws IOException {
    try (BlobWriter writer = create(id)) {
      content.transferTo(writer.stream());
      return writer.commit();
    }
  }

  /**
   * Opens a committed blob for reading from its first byte. The caller closes the stream. If the
   * blob is deleted while being read, the stream either delivers the complete content or fails with
   * an {@link IOException}; it never ends early without an error.
   *
   * @throws BlobNotFoundException if no committed blob has this id
   */
  InputStream open(BlobId id) throws IOException;

  /** Size in bytes of a committed blob, or empty if there is none. */
  OptionalLong size(BlobId id) throws IOException;

  /** Whether a committed blob has this id. */
  default boolean exists(BlobId id) throws IOException {
    return size(id).isPresent();
  }

  /** Deletes a blob. Idempotent: deleting a missing blob does nothing. */
  void delete(BlobId id) throws IOException;

  /**
   * One page of committed blobs in ascending id order, for sweeping: the blobs whose id is greater
   * than {@code after} (all blobs when {@code null}), at most {@code limit} of them. Call again
   * with the last id of a page until a page is shorter than {@code limit}. Blobs being written are
   * never listed. Pages are consistent per call, not across calls: blobs committed or deleted
   * meanwhile may or may not appear.
   *
   * @param limit 1 to {@link #MAX_PAGE_SIZE}
   */
  List<BlobInfo> list(@Nullable BlobId after, int limit) throws IOException;

  /**
   * Removes the leftovers of writes that were neither committed nor aborted (a crash, a killed
   * node, a leaked writer) and whose last write activity is older than {@code inactiveSince}.
   * Committed blobs are never touched. A writer whose leftovers were removed fails on its next
   * write or on commit. Choose a margin far longer than the slowest upload pauses.
   *
   * @return how many abandoned writes were removed
   */
  int deleteAbandonedWrites(Instant inactiveSince) throws IOException;

  /**
   * Checks that the backend answers, with one cheap request to it (health checks). It blocks as
   * long as the backend does: callers bound the wait.
   *
   * @throws IOException when the backend cannot be used
   */
  void checkAvailable() throws IOException;

  /** Validates a {@link #list} page size. */
  static int checkPageSize(int limit) {
    if (limit < 1 || limit > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE_SIZE);
    }
    return limit;
  }
}
