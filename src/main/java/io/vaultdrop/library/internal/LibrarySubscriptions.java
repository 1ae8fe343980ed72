package io.vaultdrop.library.internal;

import io.vaultdrop.accounts.AccountDeletedEvent;
import io.vaultdrop.accounts.CurrentUser;
import java.time.Clock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/** Who asked for an e-mail about each new document ({@link LibraryNotifier} sends them). */
@Service
public final class LibrarySubscriptions {

  private final LibraryRepository repository;
  private final Clock clock;

  LibrarySubscriptions(LibraryRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  public boolean isSubscribed(CurrentUser me) {
    LibraryAccess.verified(me);
    return repository.isSubscribed(me.id());
  }

  /** Opts in (idempotent). */
  public void subscribe(CurrentUser me) {
    LibraryAccess.verified(me);
    repository.subscribe(me.id(), LibraryTime.now(clock));
  }

  /** Opts out (idempotent). */
  public void unsubscribe(CurrentUser me) {
    LibraryAccess.verified(me);
    repository.unsubscribe(me.id());
  }

  /**
   * A deleted account's subscription goes (after the deletion committed; without a transaction, at
   * once); the download history keeps its rows, and the documents it published stay: they are the
   * team's.
   */
  @TransactionalEventListener(fallbackExecution = true)
  void accountDeleted(AccountDeletedEvent event) {
    repository.unsubscribe(event.userId());
  }
}
