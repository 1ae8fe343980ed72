package io.vaultdrop.storage;

import java.io.IOException;

/**
 * The blob does not exist (never committed, or deleted). The message names no id or path, so it is
 * safe to log anywhere; the id is available to the caller through {@link #id()}.
 */
public final class BlobNotFoundException extends IOException {

  private final transient BlobId id;

  public BlobNotFoundException(BlobId id) {
    super("blob not found");
    this.id = id;
  }

  public BlobId id() {
    return id;
  }
}
