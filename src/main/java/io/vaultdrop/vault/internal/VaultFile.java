package io.vaultdrop.vault.internal;

import io.vaultdrop.storage.BlobId;
import java.time.Instant;

/**
 * A stored vault file's metadata (no key material).
 *
 * @param name display name (as the web layer sanitised it: {@code FileNames.displayName})
 * @param size plaintext size in bytes
 */
public record VaultFile(
    String id, String ownerId, String name, long size, BlobId blobId, Instant createdAt) {}
