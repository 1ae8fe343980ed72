package io.vaultdrop.objects.internal;

import io.vaultdrop.accounts.AccountDeletedEvent;
import io.vaultdrop.objects.FeatureObjects;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A deleted account takes what it owns in every feature with it, inside the deletion's transaction:
 * a rolled-back deletion keeps everything, and the blobs go only after it commits (no blob I/O
 * inside it, so storage being down never blocks a deletion).
 */
@Component
final class AccountObjects {

  private final List<FeatureObjects> features;

  AccountObjects(List<FeatureObjects> features) {
    this.features = features;
  }

  @EventListener
  void accountDeleted(AccountDeletedEvent event) {
    for (FeatureObjects feature : features) {
      feature.deleteAllOf(event.userId());
    }
  }
}
