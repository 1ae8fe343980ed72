package io.vaultdrop.vault.internal;

import io.vaultdrop.accounts.AccountDeletedEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/** A deleted account takes its vault with it: key pair, files and blobs. */
@Component
final class VaultAccountListener {

  private final VaultService vault;

  VaultAccountListener(VaultService vault) {
    this.vault = vault;
  }

  /**
   * After the account deletion committed (a rolled-back deletion keeps the vault); without a
   * transaction, at once. The key pair goes first, so whatever a failure here leaves behind is
   * ciphertext whose key no longer exists.
   */
  @TransactionalEventListener(fallbackExecution = true)
  void accountDeleted(AccountDeletedEvent event) {
    try {
      vault.deleteAllOf(event.userId());
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete the vault of a deleted account", e);
    }
  }
}
