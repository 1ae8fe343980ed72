package io.vaultdrop.capsules.internal;

import io.vaultdrop.accounts.AccountDeletedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A deleted account takes the capsules it created with it, in the deletion's transaction: a
 * rolled-back deletion keeps them, and the blobs go only after it commits (no blob I/O inside it).
 */
@Component
final class CapsuleAccountListener {

  private final CapsuleService capsules;

  CapsuleAccountListener(CapsuleService capsules) {
    this.capsules = capsules;
  }

  @EventListener
  void accountDeleted(AccountDeletedEvent event) {
    capsules.deleteAllOf(event.userId());
  }
}
