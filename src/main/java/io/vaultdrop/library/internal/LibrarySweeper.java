package io.vaultdrop.library.internal;

import io.vaultdrop.accounts.AccountDeletedEvent;
import java.time.Clock;
import java.time.Duration;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Deletes library blobs that no document names: left by a crashed upload (pending longer than
 * {@code VAULTDROP_LIBRARY_UPLOAD_TIMEOUT}) or by a replacement or removal whose immediate delete
 * failed. Once at start-up, then every {@code vaultdrop.library.sweep-interval} (default 5 minutes,
 * one node of a cluster at a time). Also forgets the subscription of a deleted account.
 */
@Component
public class LibrarySweeper implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(LibrarySweeper.class);

  private final DocumentStore store;
  private final LibrarySubscriptions subscriptions;
  private final Clock clock;
  private final Duration uploadTimeout;

  LibrarySweeper(
      DocumentStore store,
      LibrarySubscriptions subscriptions,
      Clock clock,
      LibraryProperties properties) {
    this.store = store;
    this.subscriptions = subscriptions;
    this.clock = clock;
    this.uploadTimeout = properties.uploadTimeout();
  }

  @Scheduled(
      fixedDelayString = "${vaultdrop.library.sweep-interval:PT5M}",
      initialDelayString = "${vaultdrop.library.sweep-interval:PT5M}")
  @SchedulerLock(name = "library-sweep", lockAtMostFor = "PT10M")
  public void sweep() {
    int reclaimed = store.sweep(clock.instant().minus(uploadTimeout));
    if (reclaimed > 0) {
      log.info("Deleted {} unused library blob(s)", reclaimed);
    }
  }

  @Override
  public void run(ApplicationArguments args) {
    sweep();
  }

  /** After the account deletion committed; without a transaction, at once. */
  @TransactionalEventListener(fallbackExecution = true)
  public void accountDeleted(AccountDeletedEvent event) {
    subscriptions.accountDeleted(event.userId());
  }
}
