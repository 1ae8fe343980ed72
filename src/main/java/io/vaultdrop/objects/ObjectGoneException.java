package io.vaultdrop.objects;

import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;

/**
 * The object is not (or no longer) published: never finished, deleted, or swept while pending.
 * Features answer it as their "not found".
 */
public final class ObjectGoneException extends DomainException {

  public ObjectGoneException() {
    super(ErrorCode.NOT_FOUND);
  }
}
