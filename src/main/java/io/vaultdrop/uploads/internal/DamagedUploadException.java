package io.vaultdrop.uploads.internal;

import io.vaultdrop.errors.CatalogedFailure;
import io.vaultdrop.errors.ErrorCode;
import java.io.IOException;

/**
 * A stored upload does not read back as recorded: a chunk missing, out of place, of another length
 * than recorded, or failing authentication. Nothing of it is used.
 */
final class DamagedUploadException extends IOException implements CatalogedFailure {

  DamagedUploadException(String message, Throwable cause) {
    super(message, cause);
  }

  DamagedUploadException(String message) {
    super(message);
  }

  @Override
  public ErrorCode errorCode() {
    return ErrorCode.OBJECT_DAMAGED;
  }

  @Override
  public String clientDetailKey() {
    return "problem.upload.damaged";
  }
}
