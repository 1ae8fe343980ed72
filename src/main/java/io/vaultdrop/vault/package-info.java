/**
 * The personal vault (seed 002): each signed-in user keeps private files, listed on a dashboard,
 * downloaded, deleted or shared as a link. Hybrid encryption: a data key per file, wrapped to the
 * owner's HPKE (X25519) key pair, whose private key is sealed by the master key; rotating the
 * master key re-wraps the user keys only. See {@code docs/vault.md}.
 *
 * <p>The module offers no API to other modules; it listens to {@link
 * io.vaultdrop.accounts.AccountDeletedEvent} and creates links through {@link
 * io.vaultdrop.shares.ShareLinks}.
 */
package io.vaultdrop.vault;
