package io.vaultdrop.storage;

import java.io.IOException;

/**
 * A blob with this id is already stored or being written; blobs are immutable and never replaced.
 * The message names no id or path.
 */
public final class BlobAlreadyExistsException extends IOException {

  private final transient BlobId id;

  public BlobAlreadyExistsException(BlobId id) {
    super("blob already exists");
    this.id = id;
  }

  public BlobId id() {
    return id;
  }
}
