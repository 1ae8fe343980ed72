package io.vaultdrop.vault.internal;

import java.io.IOException;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes the quota reservations and blobs of uploads that never finished (a node died mid-upload)
 * once they are older than {@code VAULTDROP_VAULT_UPLOAD_TIMEOUT}: at start-up and every {@code
 * VAULTDROP_VAULT_SWEEP_INTERVAL}, on one node of a cluster at a time.
 *
 * <p>Not final: ShedLock wraps it in a class-based proxy to take the lock.
 */
@Component
public class VaultSweeper {

  private static final Logger log = LoggerFactory.getLogger(VaultSweeper.class);

  private final VaultService vault;

  VaultSweeper(VaultService vault) {
    this.vault = vault;
  }

  @Scheduled(
      fixedDelayString = "${vaultdrop.vault.sweep-interval:PT1H}",
      initialDelayString = "${vaultdrop.vault.sweep-interval:PT1H}")
  @SchedulerLock(name = "vault-sweep", lockAtMostFor = "PT10M")
  public void sweep() {
    try {
      vault.sweepStaleUploads();
    } catch (IOException | RuntimeException e) {
      log.warn("vault sweep failed; it runs again later", e);
    }
  }

  /** Sweeps once when the application has started. */
  @Component
  static final class Startup implements ApplicationRunner {
    private final VaultSweeper sweeper;

    Startup(VaultSweeper sweeper) {
      this.sweeper = sweeper;
    }

    @Override
    public void run(ApplicationArguments args) {
      sweeper.sweep();
    }
  }
}
