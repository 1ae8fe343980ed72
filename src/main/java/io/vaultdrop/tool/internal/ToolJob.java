package io.vaultdrop.tool.internal;

import io.vaultdrop.crypto.CipherSuite;
import io.vaultdrop.storage.BlobId;
import java.time.Instant;

/**
 * One job's metadata (no secret: the sealed key stays in the repository).
 *
 * @param name the original file's display name ({@code name.enc}, {@code name.key} derive from it)
 * @param size plaintext size in bytes
 * @param encryptedSize ciphertext size in bytes
 */
public record ToolJob(
    String id,
    String ownerId,
    JobKind kind,
    String name,
    CipherSuite algorithm,
    KeyMode keyMode,
    long size,
    long encryptedSize,
    BlobId blobId,
    boolean encDownloaded,
    boolean keyDownloaded,
    Instant createdAt,
    Instant expiresAt) {

  public String encFileName() {
    return name + ".enc";
  }

  public String keyFileName() {
    return name + ".key";
  }

  public String zipFileName() {
    return name + ".zip";
  }
}
