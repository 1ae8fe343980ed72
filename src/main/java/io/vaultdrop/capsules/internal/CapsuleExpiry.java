package io.vaultdrop.capsules.internal;

import io.vaultdrop.objects.ExpiringObjects;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The capsules' expiry rule for the object sweeper: capsules older than {@code
 * VAULTDROP_CAPSULES_MAX_AGE} go (none while it is unset).
 */
@Component
final class CapsuleExpiry implements ExpiringObjects {

  private final CapsuleService capsules;

  CapsuleExpiry(CapsuleService capsules) {
    this.capsules = capsules;
  }

  @Override
  public String feature() {
    return CapsuleService.FEATURE;
  }

  @Override
  public int deleteExpired(Instant now) {
    return capsules.deleteExpired(now);
  }
}
