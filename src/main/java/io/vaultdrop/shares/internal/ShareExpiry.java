package io.vaultdrop.shares.internal;

import io.vaultdrop.objects.ExpiringObjects;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The shares' expiry rules for the object sweeper: expired, used-up (no transfer running, none
 * resumable) and locked shares go, with expired resume tokens.
 */
@Component
final class ShareExpiry implements ExpiringObjects {

  private final ShareService shares;

  ShareExpiry(ShareService shares) {
    this.shares = shares;
  }

  @Override
  public String feature() {
    return ShareService.FEATURE;
  }

  @Override
  public int deleteExpired(Instant now) {
    return shares.deleteExpired(now);
  }
}
