package io.vaultdrop.objects;

import java.io.IOException;
import java.time.Instant;

/**
 * A feature's expiry rules, run by the one object sweeper (under the cluster lock, at start-up and
 * every {@code VAULTDROP_OBJECTS_SWEEP_INTERVAL}). An implementation deletes its expired rows and
 * calls {@link StoredObjects#delete} for their objects in the same transaction; the sweeper deletes
 * the blobs. A failure is logged and the other features are swept regardless.
 */
public interface ExpiringObjects {

  /** The feature name, as given to {@link StoredObjects#create}. */
  String feature();

  /**
   * Deletes what expired by {@code now}.
   *
   * @return how many of the feature's items were deleted
   */
  int deleteExpired(Instant now) throws IOException;
}
