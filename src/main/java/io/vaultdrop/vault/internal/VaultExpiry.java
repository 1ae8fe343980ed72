package io.vaultdrop.vault.internal;

import io.vaultdrop.objects.ExpiringObjects;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The vault's rule for the object sweeper: vault files never expire, but the quota reservation of
 * an upload still running after {@code VAULTDROP_VAULT_UPLOAD_TIMEOUT} belongs to a crashed (or
 * hopelessly slow) upload and is dropped. Only the row: the blob of such an upload is a pending
 * object, which the object sweeper removes after {@code VAULTDROP_OBJECTS_PENDING_AGE}.
 */
@Component
final class VaultExpiry implements ExpiringObjects {

  private final VaultFileRepository files;
  private final Duration uploadTimeout;

  VaultExpiry(VaultFileRepository files, VaultProperties properties) {
    this.files = files;
    this.uploadTimeout = properties.uploadTimeout();
  }

  @Override
  public String feature() {
    return VaultUploads.FEATURE;
  }

  /** Returns how many stale reservations were dropped. */
  @Override
  public int deleteExpired(Instant now) {
    return files.deleteStaleReservations(now.minus(uploadTimeout));
  }
}
