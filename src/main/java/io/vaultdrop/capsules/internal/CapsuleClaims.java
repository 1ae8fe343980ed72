package io.vaultdrop.capsules.internal;

import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.storage.BlobId;
import java.util.Objects;

/**
 * What a capsule JWE carries: everything needed to open the object, and the only place its key
 * exists. A secret holder: {@link #toString()} hides the key.
 *
 * @param name the original (display) file name
 * @param blobId the random stored name
 * @param key the object's data key
 * @param size the plaintext size in bytes
 * @param createdAt creation time, epoch seconds
 */
public record CapsuleClaims(String name, BlobId blobId, DataKey key, long size, long createdAt) {

  public CapsuleClaims {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(blobId, "blobId");
    Objects.requireNonNull(key, "key");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative");
    }
  }

  @Override
  public String toString() {
    return "CapsuleClaims[blobId=" + blobId.value() + ", key=secret]";
  }
}
