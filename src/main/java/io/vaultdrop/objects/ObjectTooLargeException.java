package io.vaultdrop.objects;

import io.vaultdrop.errors.CatalogedFailure;
import io.vaultdrop.errors.ErrorCode;
import java.io.IOException;

/** More bytes were written into a new object than its limit allows; the object is discarded. */
public final class ObjectTooLargeException extends IOException implements CatalogedFailure {

  private final long limit;

  public ObjectTooLargeException(long limit) {
    super("the object exceeds its size limit", null);
    this.limit = limit;
  }

  /** The limit that was exceeded, in bytes. */
  public long limit() {
    return limit;
  }

  @Override
  public ErrorCode errorCode() {
    return ErrorCode.TOO_LARGE;
  }

  @Override
  public String clientDetailKey() {
    return "problem.too-large";
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
