/**
 * The encrypt/decrypt tool (seed 000): a signed-in user encrypts a file into a {@code name.enc} and
 * a {@code name.key}, or decrypts such a pair, and downloads the result once. Jobs are private to
 * their owner, kept only as ciphertext plus a key sealed by the master key, and deleted once fully
 * downloaded or after {@code VAULTDROP_TOOL_RETENTION}. See {@code docs/encrypt-tool.md}.
 *
 * <p>The module offers no API to other modules; it listens to {@link
 * io.vaultdrop.accounts.AccountDeletedEvent}.
 */
package io.vaultdrop.tool;
