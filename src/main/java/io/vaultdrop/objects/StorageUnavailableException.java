package io.vaultdrop.objects;

import java.io.IOException;

/**
 * The blob store failed (down, unreachable, not mounted, or missing a blob the ledger says is
 * there) before any content was handed out. Nothing was claimed or consumed: the caller may try
 * again once storage is back ({@code 503 storage_unavailable}). The message names no id or path.
 */
public final class StorageUnavailableException extends IOException {

  public StorageUnavailableException(Throwable cause) {
    super("the blob store is unavailable", cause);
  }
}
