package io.vaultdrop.library.internal.ooxml;

import java.io.IOException;

/**
 * The uploaded bytes are not an acceptable Office Open XML package. The message is a fixed English
 * sentence meant for the uploader: it never quotes entry names or other content of the file.
 *
 * <p>It is an {@link IOException} so that it can leave the streams the validator reads through; it
 * carries no stack trace (expected control flow).
 */
public final class RejectedPackageException extends IOException {

  RejectedPackageException(String reason) {
    super(reason, null);
  }

  /** Why the file was refused, safe to show to the uploader. */
  public String reason() {
    return getMessage();
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
