package io.vaultdrop.objects;

import io.vaultdrop.errors.CatalogedFailure;
import io.vaultdrop.errors.ErrorCode;
import java.io.IOException;

/**
 * The blob store failed (down, unreachable, not mounted, or missing a blob the ledger says is
 * there) before any content was handed out. Nothing was claimed or consumed: the caller may try
 * again once storage is back ({@code 503 storage_unavailable}). The message names no id or path.
 */
public final class StorageUnavailableException extends IOException implements CatalogedFailure {

  public StorageUnavailableException(Throwable cause) {
    super("the blob store is unavailable", cause);
  }

  @Override
  public ErrorCode errorCode() {
    return ErrorCode.STORAGE_UNAVAILABLE;
  }

  @Override
  public String clientDetailKey() {
    return "problem.storage-unavailable";
  }
}
