package io.vaultdrop.objects.internal;

import io.micrometer.core.instrument.Counter;
import io.vaultdrop.crypto.ObjectCipher;
import io.vaultdrop.objects.NewObject;
import io.vaultdrop.objects.ObjectGoneException;
import io.vaultdrop.objects.OpenedObject;
import io.vaultdrop.objects.StorageUnavailableException;
import io.vaultdrop.objects.StoredObjects;
import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobNotFoundException;
import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.storage.BlobWriter;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link StoredObjects} on the {@code stored_objects} ledger and the configured blob store. */
@Service
final class LedgerStoredObjects implements StoredObjects {

  private static final Logger log = LoggerFactory.getLogger(LedgerStoredObjects.class);
  private static final Pattern FEATURE = Pattern.compile("[a-z]{1,16}");

  private final ObjectLedger ledger;
  private final ObjectReaper reaper;
  private final BlobStore blobs;
  private final ObjectCipher cipher;
  private final Clock clock;
  private final TransferMetrics metrics;
  private final TransactionTemplate transactions;
  private final TransactionTemplate ownTransaction;

  LedgerStoredObjects(
      ObjectLedger ledger,
      ObjectReaper reaper,
      BlobStore blobs,
      ObjectCipher cipher,
      Clock clock,
      TransferMetrics metrics,
      PlatformTransactionManager transactionManager) {
    this.ledger = ledger;
    this.reaper = reaper;
    this.blobs = blobs;
    this.cipher = cipher;
    this.clock = clock;
    this.metrics = metrics;
    this.transactions = new TransactionTemplate(transactionManager);
    this.ownTransaction = new TransactionTemplate(transactionManager);
    ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @Override
  public NewObject create(String feature, long maxBytes) throws IOException {
    if (!FEATURE.matcher(feature).matches()) {
      throw new IllegalArgumentException("feature must be 1 to 16 lower-case letters");
    }
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must not be negative");
    }
    BlobId id = BlobId.random();
    // Committed before the first byte is stored, whatever transaction the caller runs in: a crash
    // from here on leaves a pending row the sweeper finds.
    ownTransaction.executeWithoutResult(s -> ledger.insertPending(id, feature, clock.instant()));
    BlobWriter writer;
    try {
      writer = blobs.create(id);
    } catch (IOException | RuntimeException e) {
      forgetPending(id, false);
      throw new StorageUnavailableException(e);
    }
    return new PendingObject(id, feature, writer, maxBytes, cipher, this);
  }

  @Override
  public OpenedObject open(BlobId id) throws IOException {
    if (!ledger.startRead(id, clock.instant())) {
      throw new ObjectGoneException();
    }
    String feature;
    try {
      feature = ledger.feature(id).orElse("unknown"); // for the metrics
    } catch (RuntimeException e) {
      endRead(id);
      throw e;
    }
    InputStream stored;
    try {
      stored = blobs.open(id);
    } catch (BlobNotFoundException e) {
      endRead(id);
      // The ledger says it is there: the storage is not mounted, or lost the blob.
      log.error("A published object's blob is missing from the blob store");
      throw new StorageUnavailableException(e);
    } catch (IOException | RuntimeException e) {
      endRead(id);
      throw new StorageUnavailableException(e);
    }
    return new ReadingObject(id, feature, stored, cipher, this, metrics);
  }

  @Override
  public int delete(Collection<BlobId> ids) {
    List<BlobId> marked = new ArrayList<>();
    for (BlobId id : ids) {
      if (ledger.markDeleting(id, clock.instant())) {
        marked.add(id);
      }
    }
    if (marked.isEmpty()) {
      return 0;
    }
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              marked.forEach(reaper::reapQuietly);
            }
          });
    } else {
      marked.forEach(reaper::reapQuietly);
    }
    return marked.size();
  }

  // ---- callbacks of PendingObject and ReadingObject

  /**
   * The committed blob of a pending object. Not counted as a reader: only its writer deletes it, or
   * the sweeper once it is overdue, and then its publish fails anyway.
   */
  InputStream openPending(BlobId id) throws IOException {
    try {
      return blobs.open(id);
    } catch (IOException | RuntimeException e) {
      throw new StorageUnavailableException(e);
    }
  }

  /** The counter of bytes written into new objects of {@code feature} (null: not counted). */
  @Nullable Counter uploadBytes(String feature) {
    return metrics.bytes(feature, "upload");
  }

  /** Publishes; the upload counts once the object is durable, i.e. after the caller's commit. */
  void publish(BlobId id, String feature, long storedSize, Runnable rows) {
    transactions.executeWithoutResult(
        s -> {
          if (!ledger.publish(id, storedSize, clock.instant())) {
            throw new ObjectGoneException();
          }
          rows.run();
        });
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              metrics.uploaded(feature);
            }
          });
    } else {
      metrics.uploaded(feature);
    }
  }

  /** Removes an unpublished object: blob first, then its pending row; the sweeper on failure. */
  void forgetPending(BlobId id, boolean blobMayExist) {
    try {
      if (blobMayExist) {
        blobs.delete(id);
      }
      ledger.deletePending(id);
    } catch (IOException | RuntimeException e) {
      log.warn("Could not remove an unfinished object yet; the sweeper will: {}", e.toString());
    }
  }

  /** Releases a reader; the last reader of a deleted object reaps it. */
  void endRead(BlobId id) {
    try {
      ledger.endRead(id);
      if (ledger.deletingReaders(id).isPresent()) {
        reaper.reapQuietly(id);
      }
    } catch (RuntimeException e) {
      log.warn("Could not release an object reader; the sweeper will: {}", e.toString());
    }
  }
}
