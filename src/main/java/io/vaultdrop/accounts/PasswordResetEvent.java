package io.vaultdrop.accounts;

/**
 * Published inside the transaction that sets a password through a reset link: whatever else lets
 * someone act as the account (its API keys) ends with it, atomically.
 */
public record PasswordResetEvent(String userId) {}
