package io.vaultdrop.objects.internal;

import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobStore;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deletes the blob of a DELETING object once no reader is left (or its readers stalled), then its
 * ledger row: blob first, so a row never outlives knowledge of its blob. Called by the deleting
 * transaction after commit, by the last reader, and by the sweeper; each may race the others, which
 * is harmless (both deletes are idempotent).
 */
@Component
class ObjectReaper {

  private static final Logger log = LoggerFactory.getLogger(ObjectReaper.class);

  private final ObjectLedger ledger;
  private final BlobStore blobs;
  private final ObjectProperties properties;
  private final Clock clock;

  ObjectReaper(ObjectLedger ledger, BlobStore blobs, ObjectProperties properties, Clock clock) {
    this.ledger = ledger;
    this.blobs = blobs;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Reaps the object if it is DELETING and unread.
   *
   * @return whether the blob and the row are gone
   */
  boolean reap(BlobId id) throws IOException {
    Optional<ObjectLedger.Readers> readers = ledger.deletingReaders(id);
    if (readers.isEmpty()) {
      return false;
    }
    if (readers.get().count() > 0
        && readers.get().lastStart().isAfter(clock.instant().minus(properties.stalledReadAge()))) {
      return false; // the last reader reaps it when it closes
    }
    blobs.delete(id);
    ledger.deleteDeleting(id);
    return true;
  }

  /** {@link #reap}, logging a failure for the sweeper to retry. */
  void reapQuietly(BlobId id) {
    try {
      reap(id);
    } catch (IOException | RuntimeException e) {
      log.warn(
          "Could not delete a deleted object's blob yet; the sweeper retries: {}", e.toString());
    }
  }
}
