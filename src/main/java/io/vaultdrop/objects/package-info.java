/**
 * The stored encrypted object, from its first byte to its last delete, written once for every
 * feature (see {@code docs/objects.md}).
 *
 * <p>Every blob a feature stores is registered in the {@code stored_objects} ledger before its
 * first byte is written. The ledger, not the feature, decides when a blob may be deleted: a pending
 * object that was never published, and a deleted object once its readers are done, are removed by
 * one sweeper under the cluster lock. Features keep their key policy, their rows and their rules;
 * they call {@link io.vaultdrop.objects.StoredObjects} to write, open and delete. This module knows
 * nothing of HTTP.
 */
package io.vaultdrop.objects;
