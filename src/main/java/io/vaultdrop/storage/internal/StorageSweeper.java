package io.vaultdrop.storage.internal;

import io.vaultdrop.storage.BlobStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes what crashed or killed writers left in the blob store (a temp file, a pending S3
 * multipart upload, uncommitted database chunks) once it has been inactive for {@code
 * VAULTDROP_STORAGE_ABANDONED_WRITE_AGE}: at start-up and then hourly, on one node of a cluster at
 * a time. Committed blobs are the features' business (their sweepers delete orphans).
 *
 * <p>Not final: ShedLock wraps it in a class-based proxy to take the lock.
 */
@Component
public class StorageSweeper {

  private static final Logger log = LoggerFactory.getLogger(StorageSweeper.class);

  private final BlobStore blobs;
  private final StorageProperties properties;
  private final Clock clock;

  StorageSweeper(BlobStore blobs, StorageProperties properties, Clock clock) {
    this.blobs = blobs;
    this.properties = properties;
    this.clock = clock;
  }

  @Scheduled(
      fixedDelayString = "${vaultdrop.storage.sweep-interval:PT1H}",
      initialDelayString = "${vaultdrop.storage.sweep-interval:PT1H}")
  @SchedulerLock(name = "storage-abandoned-writes", lockAtMostFor = "PT30M")
  public void sweep() {
    Instant inactiveSince = clock.instant().minus(properties.abandonedWriteAge());
    try {
      int removed = blobs.deleteAbandonedWrites(inactiveSince);
      if (removed > 0) {
        log.info("Removed {} abandoned blob write(s)", removed);
      }
    } catch (IOException | RuntimeException e) {
      log.warn("Storage sweep failed; it runs again later: {}", e.toString());
    }
  }

  /** Sweeps once when the application has started. */
  @Component
  static final class Startup implements ApplicationRunner {
    private final StorageSweeper sweeper;

    Startup(StorageSweeper sweeper) {
      this.sweeper = sweeper;
    }

    @Override
    public void run(ApplicationArguments args) {
      sweeper.sweep();
    }
  }
}
