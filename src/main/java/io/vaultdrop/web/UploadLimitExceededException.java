package io.vaultdrop.web;

import java.io.IOException;

/**
 * Thrown by the stream of a {@link FilePart} as soon as more bytes arrive than allowed. A consumer
 * should abort (discard what it wrote) and let the exception propagate: whatever it is wrapped in,
 * {@link StreamingMultipart} answers 413 {@code too_large}.
 */
public final class UploadLimitExceededException extends IOException {

  UploadLimitExceededException() {
    super("upload exceeds its size limit", null);
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
