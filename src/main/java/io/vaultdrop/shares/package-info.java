/**
 * Share links (seed 003): a file behind a link that works a limited number of times until it
 * expires, optionally with a password. The link itself carries the key: the server keeps only
 * ciphertext and verifiers. See {@code docs/shares.md}. Other modules need nothing from here; the
 * feature listens for {@link io.vaultdrop.accounts.AccountDeletedEvent}.
 */
package io.vaultdrop.shares;
