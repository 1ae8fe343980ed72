package io.vaultdrop.capsules.internal;

import io.vaultdrop.storage.BlobId;

/**
 * A capsule just stored. A secret holder: the JWE is the only key to the object, so {@link
 * #toString()} hides it.
 *
 * @param blobId the stored object
 * @param jwe the token to hand to the creator
 */
public record CreatedCapsule(BlobId blobId, String jwe) {

  @Override
  public String toString() {
    return "CreatedCapsule[blobId=" + blobId.value() + ", jwe=secret]";
  }
}
