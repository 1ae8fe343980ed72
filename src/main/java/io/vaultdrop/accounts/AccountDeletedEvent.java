package io.vaultdrop.accounts;

/**
 * Published (inside the deleting transaction) when an account is deleted, so every feature removes
 * that user's data: files, shares, jobs.
 */
public record AccountDeletedEvent(String userId) {}
