package io.vaultdrop.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * What a store knows about one committed blob.
 *
 * @param id the blob
 * @param size length in bytes
 * @param createdAt when the blob became visible (committed), to the precision of the backend
 */
public record BlobInfo(BlobId id, long size, Instant createdAt) {

  public BlobInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(createdAt, "createdAt");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative");
    }
  }
}
