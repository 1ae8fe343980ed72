package io.vaultdrop.capsules.internal;

import io.vaultdrop.accounts.AccountDeletedEvent;
import io.vaultdrop.storage.BlobId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes capsules older than {@code vaultdrop.capsules.max-age} (nothing when it is unset), at
 * start-up and then every {@code sweep-interval}, on one node of the cluster at a time; and every
 * capsule a deleted account created. Not final: ShedLock's lock is a proxy around {@link #sweep}.
 */
@Component
public class CapsuleSweeper {

  private static final Logger log = LoggerFactory.getLogger(CapsuleSweeper.class);
  private static final int BATCH = 500;

  private final CapsuleRows rows;
  private final CapsuleService capsules;
  private final CapsuleProperties properties;
  private final Clock clock;

  CapsuleSweeper(
      CapsuleRows rows, CapsuleService capsules, CapsuleProperties properties, Clock clock) {
    this.rows = rows;
    this.capsules = capsules;
    this.properties = properties;
    this.clock = clock;
  }

  /** Deletes expired capsules, holding the cluster-wide lock. */
  @Scheduled(fixedDelayString = "${vaultdrop.capsules.sweep-interval:PT5M}")
  @SchedulerLock(name = "capsules-sweep", lockAtMostFor = "PT10M")
  public void sweep() {
    deleteExpired();
  }

  /** Deletes expired capsules; returns how many. */
  int deleteExpired() {
    if (properties.maxAge() == null) {
      return 0;
    }
    Instant cutoff = clock.instant().minus(properties.maxAge());
    int deleted = 0;
    List<BlobId> batch;
    do {
      batch = rows.createdBefore(cutoff, BATCH);
      for (BlobId id : batch) {
        delete(id);
        deleted++;
      }
    } while (batch.size() == BATCH);
    if (deleted > 0) {
      log.info("Deleted {} expired capsule(s)", deleted);
    }
    return deleted;
  }

  @EventListener
  void accountDeleted(AccountDeletedEvent event) {
    rows.ownedBy(event.userId()).forEach(this::delete);
  }

  private void delete(BlobId id) {
    try {
      capsules.deleteBlob(id);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
