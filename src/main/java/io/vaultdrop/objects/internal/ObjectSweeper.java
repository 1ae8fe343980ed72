package io.vaultdrop.objects.internal;

import io.vaultdrop.objects.FeatureObjects;
import io.vaultdrop.storage.BlobId;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The one sweeper of stored objects, on one node of a cluster at a time (ShedLock), at start-up
 * (through the lock proxy) and every {@code VAULTDROP_OBJECTS_SWEEP_INTERVAL}:
 *
 * <ol>
 *   <li>every feature's {@link FeatureObjects} deletes what expired;
 *   <li>objects pending longer than {@code VAULTDROP_OBJECTS_PENDING_AGE} are taken and deleted;
 *   <li>deleted objects without readers (or whose readers stalled) lose blob, then row.
 * </ol>
 *
 * Every step logs a failure and carries on; nothing here stops start-up. Not final: ShedLock wraps
 * it in a class-based proxy.
 */
@Component
public class ObjectSweeper {

  private static final Logger log = LoggerFactory.getLogger(ObjectSweeper.class);
  private static final int PAGE = 200;

  private final List<FeatureObjects> features;
  private final ObjectLedger ledger;
  private final ObjectReaper reaper;
  private final ObjectProperties properties;
  private final Clock clock;
  private final TransferMetrics metrics;

  ObjectSweeper(
      List<FeatureObjects> features,
      ObjectLedger ledger,
      ObjectReaper reaper,
      ObjectProperties properties,
      Clock clock,
      TransferMetrics metrics) {
    this.features = features;
    this.ledger = ledger;
    this.reaper = reaper;
    this.properties = properties;
    this.clock = clock;
    this.metrics = metrics;
  }

  @Scheduled(
      fixedDelayString = "${vaultdrop.objects.sweep-interval:PT5M}",
      initialDelayString = "${vaultdrop.objects.sweep-interval:PT5M}")
  @SchedulerLock(name = "objects-sweep", lockAtMostFor = "PT30M")
  public void sweep() {
    for (FeatureObjects feature : features) {
      try {
        int deleted = feature.deleteExpired(clock.instant());
        metrics.swept(feature.feature(), "expired", deleted);
        if (deleted > 0) {
          log.info("Deleted {} expired item(s) of {}", deleted, feature.feature());
        }
      } catch (RuntimeException e) {
        log.warn(
            "Expiry sweep of {} failed; it runs again later: {}", feature.feature(), e.toString());
      }
    }
    try {
      int abandoned = deleteAbandoned();
      int reaped = reapDeleted();
      if (abandoned + reaped > 0) {
        log.info("Removed {} abandoned and {} deleted object(s)", abandoned, reaped);
      }
    } catch (IOException | RuntimeException e) {
      log.warn("Object sweep failed; it runs again later: {}", e.toString());
    }
  }

  /** Takes and deletes objects pending since before the pending age. */
  int deleteAbandoned() throws IOException {
    Instant now = clock.instant();
    Instant cutoff = now.minus(properties.pendingAge());
    int removed = 0;
    List<BlobId> page;
    do {
      page = ledger.pendingBefore(cutoff, PAGE);
      for (BlobId id : page) {
        if (ledger.claimAbandoned(id, cutoff, now)) {
          String feature = ledger.feature(id).orElse("unknown");
          if (reaper.reap(id)) {
            metrics.swept(feature, "abandoned", 1);
            removed++;
          }
        }
      }
    } while (page.size() == PAGE);
    return removed;
  }

  /** Deletes the blobs of deleted objects whose readers are done. */
  int reapDeleted() throws IOException {
    Instant stalled = clock.instant().minus(properties.stalledReadAge());
    int removed = 0;
    List<BlobId> page;
    do {
      page = ledger.reapable(stalled, PAGE);
      int before = removed;
      for (BlobId id : page) {
        if (reaper.reap(id)) {
          removed++;
        }
      }
      if (removed == before) {
        break; // nothing on this page could go: do not spin on it
      }
    } while (page.size() == PAGE);
    return removed;
  }

  /** Sweeps once when the application has started, through the locking proxy. */
  @Component
  static final class Startup implements ApplicationRunner {
    private final ObjectSweeper sweeper;

    Startup(ObjectSweeper sweeper) {
      this.sweeper = sweeper;
    }

    @Override
    public void run(ApplicationArguments args) {
      sweeper.sweep();
    }
  }
}
