package io.vaultdrop.shares.internal;

import io.vaultdrop.accounts.AccountDeletedEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** A deleted account takes its shares (blobs and rows) with it. */
@Component
final class ShareAccountListener {

  private final ShareService shares;

  ShareAccountListener(ShareService shares) {
    this.shares = shares;
  }

  @EventListener
  void accountDeleted(AccountDeletedEvent event) {
    try {
      shares.deleteAllOf(event.userId());
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete the shares of a deleted account", e);
    }
  }
}
