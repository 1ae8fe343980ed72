package io.vaultdrop.vault.internal;

import io.vaultdrop.accounts.AccountDeletedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A deleted account takes its vault with it, in the deletion's transaction: the key pair first,
 * then reservations, file rows and objects. A rolled-back deletion keeps everything; the blobs go
 * only after it commits (the objects module deletes them).
 */
@Component
final class VaultAccountListener {

  private final VaultService vault;

  VaultAccountListener(VaultService vault) {
    this.vault = vault;
  }

  @EventListener
  void accountDeleted(AccountDeletedEvent event) {
    vault.deleteAllOf(event.userId());
  }
}
