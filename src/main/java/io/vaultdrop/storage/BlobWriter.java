package io.vaultdrop.storage;

import java.io.IOException;
import java.io.OutputStream;

/**
 * One blob being written: bytes go to {@link #stream()} and become visible only when {@link
 * #commit()} returns.
 *
 * <p>Contract, identical for every backend:
 *
 * <ul>
 *   <li>Until {@link #commit()} returns, no reader, {@link BlobStore#size}, {@link
 *       BlobStore#exists} or {@link BlobStore#list} sees the blob.
 *   <li>{@link #commit()} makes the whole content durable and visible atomically: afterwards
 *       readers see every byte, before it they see nothing. A crash at any moment leaves either the
 *       whole blob or no visible blob; leftovers of a crashed write are removed by {@link
 *       BlobStore#deleteAbandonedWrites}.
 *   <li>{@link #abort()}, or {@link #close()} without a successful commit (an exception inside
 *       try-with-resources), discards everything written. Both are idempotent and do nothing after
 *       a commit.
 *   <li>Closing {@link #stream()} only ends the data; it neither commits nor aborts. This is what
 *       lets a caller wrap the stream in an encrypting stream whose {@code close()} writes the
 *       final segment, and commit afterwards.
 *   <li>Memory use is bounded by a fixed buffer (at most one database chunk), whatever the size.
 *   <li>A writer is used by one thread at a time.
 * </ul>
 *
 * <pre>{@code
 * try (BlobWriter writer = blobs.create()) {
 *   try (OutputStream out = streamingAead.newEncryptingStream(writer.stream(), aad)) {
 *     upload.transferTo(out);
 *   }
 *   BlobInfo stored = writer.commit();
 * } // an exception before commit() leaves nothing behind
 * }</pre>
 */
public interface BlobWriter extends AutoCloseable {

  /** The id the blob will have once committed (known up front, e.g. to bind it into the AAD). */
  BlobId id();

  /**
   * The sink for the content. Calling it several times returns the same stream. Writing after
   * commit or abort fails with an {@link IOException}.
   */
  OutputStream stream();

  /**
   * Flushes, makes the content durable and publishes the blob (closing {@link #stream()} if still
   * open). If it throws, nothing is visible and the write is discarded.
   *
   * @return the committed blob
   * @throws BlobAlreadyExistsException if another blob with this id was committed meanwhile
   * @throws IllegalStateException if already committed or aborted
   */
  BlobInfo commit() throws IOException;

  /** Discards everything written. Idempotent; does nothing after a successful commit. */
  void abort() throws IOException;

  /** Same as {@link #abort()}: closing without committing leaves nothing behind. */
  @Override
  void close() throws IOException;
}
