package io.vaultdrop.objects;

/**
 * The object is not (or no longer) published: never finished, deleted, or swept while pending.
 * Features answer it as their "not found".
 */
public final class ObjectGoneException extends RuntimeException {

  public ObjectGoneException() {
    super("the stored object is gone", null, false, false);
  }
}
