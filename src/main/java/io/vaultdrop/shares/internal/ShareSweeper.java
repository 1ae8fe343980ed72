package io.vaultdrop.shares.internal;

import java.io.IOException;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes expired and used-up shares (blob, then row) and the blobs of uploads that never finished,
 * on a schedule (once per cluster, through ShedLock) and at start-up ({@link Startup}, which calls
 * through the lock proxy).
 *
 * <p>Not final: ShedLock wraps it in a class-based proxy to take the lock.
 */
@Component
public class ShareSweeper {

  private static final Logger log = LoggerFactory.getLogger(ShareSweeper.class);

  private final ShareService shares;

  ShareSweeper(ShareService shares) {
    this.shares = shares;
  }

  @Scheduled(
      fixedDelayString = "${vaultdrop.shares.sweep-interval:PT5M}",
      initialDelayString = "${vaultdrop.shares.sweep-interval:PT5M}")
  @SchedulerLock(name = "shares-sweep", lockAtMostFor = "PT10M")
  public void sweep() {
    try {
      int removed = shares.sweep();
      if (removed > 0) {
        log.info("share sweep removed {} expired, used-up or abandoned items", removed);
      }
    } catch (IOException | RuntimeException e) {
      log.warn("share sweep failed; it runs again later", e);
    }
  }

  /** Sweeps once when the application has started. */
  @Component
  static final class Startup implements ApplicationRunner {
    private final ShareSweeper sweeper;

    Startup(ShareSweeper sweeper) {
      this.sweeper = sweeper;
    }

    @Override
    public void run(ApplicationArguments args) {
      sweeper.sweep();
    }
  }
}
