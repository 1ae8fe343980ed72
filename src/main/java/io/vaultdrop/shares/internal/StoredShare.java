package io.vaultdrop.shares.internal;

import io.vaultdrop.storage.BlobId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One row of {@code shares}. Holds verifiers, never a key; {@link #toString()} shows no verifier
 * anyway. {@code blobId} is file 0's object, {@code fileName} the share's display name (the file's
 * name, or "N files"), {@code size} the total; the files themselves are {@link ShareFile}s.
 */
public record StoredShare(
    String id,
    BlobId blobId,
    @Nullable String ownerId,
    String fileName,
    long size,
    Instant createdAt,
    Instant expiresAt,
    int maxDownloads,
    int remaining,
    int inFlight,
    String tokenVerifier,
    String revokeHash,
    ShareKeys.@Nullable PasswordParameters password,
    @Nullable String passwordVerifier,
    int failedAttempts,
    int fileCount) {

  public boolean passwordRequired() {
    return password != null;
  }

  /** Whether the link still works at {@code now}: not expired and downloads left. */
  /**
   * Whether the share can still be downloaded. A share that used up its password attempts is never
   * available, even if destroying it failed: the lockout must not depend on the delete succeeding.
   */
  public boolean isAvailable(Instant now) {
    return remaining > 0
        && expiresAt.isAfter(now)
        && failedAttempts < ShareService.MAX_PASSWORD_ATTEMPTS;
  }

  @Override
  public String toString() {
    return "StoredShare[id=" + id + ", remaining=" + remaining + "]";
  }
}
