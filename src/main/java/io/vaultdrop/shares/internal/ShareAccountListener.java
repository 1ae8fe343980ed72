package io.vaultdrop.shares.internal;

import io.vaultdrop.accounts.AccountDeletedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A deleted account takes its shares with it, in the deletion's transaction: a rolled-back deletion
 * keeps them, and the blobs go only after it commits.
 */
@Component
final class ShareAccountListener {

  private final ShareService shares;

  ShareAccountListener(ShareService shares) {
    this.shares = shares;
  }

  @EventListener
  void accountDeleted(AccountDeletedEvent event) {
    shares.deleteAllOf(event.userId());
  }
}
