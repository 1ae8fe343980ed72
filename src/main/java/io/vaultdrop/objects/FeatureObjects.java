package io.vaultdrop.objects;

import java.time.Instant;

/**
 * A feature's rules for the objects it stored, called by the object lifecycle: what expired (by the
 * one object sweeper, under the cluster lock, at start-up and every {@code
 * VAULTDROP_OBJECTS_SWEEP_INTERVAL}) and what a deleted account owned (inside the account
 * deletion's transaction). An implementation deletes its rows and calls {@link
 * StoredObjects#delete} for their objects in the same transaction; the lifecycle deletes the blobs
 * after commit. A sweep failure is logged and the other features are swept regardless; an account
 * deletion failure rolls the deletion back.
 */
public interface FeatureObjects {

  /** The feature name, as given to {@link StoredObjects#create}. */
  String feature();

  /**
   * Whether the feature's objects are only a stage on the way into another feature (the chunks of a
   * resumable upload): their writes and reads are not counted as uploads, downloads or transfer
   * bytes; the claiming feature counts the content when it stores it ({@code docs/metrics.md}).
   */
  default boolean staging() {
    return false;
  }

  /**
   * Deletes what expired by {@code now}.
   *
   * @return how many of the feature's items were deleted
   */
  int deleteExpired(Instant now);

  /**
   * Deletes everything {@code accountId} owns, joining the caller's transaction.
   *
   * @return how many of the feature's items were deleted
   */
  int deleteAllOf(String accountId);
}
