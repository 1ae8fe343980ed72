package io.vaultdrop.uploads.internal;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A row of {@code uploads}.
 *
 * @param key SHA-256 (hex) of the URL token; the token itself is never stored
 * @param storedBytes bytes durably stored (the tus {@code Upload-Offset})
 */
record StoredUpload(
    String key,
    @Nullable String ownerId,
    String fileName,
    long totalBytes,
    long storedBytes,
    String state,
    Instant createdAt,
    Instant expiresAt) {

  static final String RECEIVING = "RECEIVING";
  static final String CLAIMED = "CLAIMED";

  boolean finished() {
    return storedBytes == totalBytes;
  }

  boolean receiving() {
    return RECEIVING.equals(state);
  }

  /**
   * Whether {@code callerId} may see it: its owner, or anyone holding an anonymous upload's URL.
   */
  boolean visibleTo(@Nullable String callerId) {
    return ownerId == null || ownerId.equals(callerId);
  }
}
