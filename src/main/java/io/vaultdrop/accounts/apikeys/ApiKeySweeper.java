package io.vaultdrop.accounts.apikeys;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes API keys that expired more than {@link ApiKeys#EXPIRED_KEY_RETENTION} ago, on one node at
 * a time (ShedLock). An expired key authenticates nothing and no longer counts towards the
 * account's limit; this only keeps the table and the owner's list from growing forever.
 *
 * <p>Not final: ShedLock wraps it in a class-based proxy.
 */
@Component
public class ApiKeySweeper {

  private static final Logger log = LoggerFactory.getLogger(ApiKeySweeper.class);

  private final ApiKeys keys;

  ApiKeySweeper(ApiKeys keys) {
    this.keys = keys;
  }

  @Scheduled(
      fixedDelayString = "${vaultdrop.accounts.sweep-interval:PT10M}",
      initialDelayString = "${vaultdrop.accounts.sweep-interval:PT10M}")
  @SchedulerLock(name = "api-keys-sweep", lockAtMostFor = "PT10M")
  public void sweep() {
    try {
      int deleted = keys.deleteLongExpired();
      if (deleted > 0) {
        log.info("Deleted {} API keys that expired more than 30 days ago", deleted);
      }
    } catch (RuntimeException e) {
      log.warn("API key sweep failed; it runs again later: {}", e.toString());
    }
  }
}
