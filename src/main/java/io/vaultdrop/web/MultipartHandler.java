package io.vaultdrop.web;

import java.io.IOException;

/**
 * Consumes the file part of an upload while it streams in.
 *
 * @param <T> what the handler makes of the file (for example a stored object's id)
 */
@FunctionalInterface
public interface MultipartHandler<T> {

  /**
   * Called once, when the file part begins. Read {@code file.content()} to its end (or stop and
   * throw). Fields sent after the file are not known yet; they arrive in {@link
   * MultipartResult#fields()}. If the stream throws {@link UploadLimitExceededException}, clean up
   * and rethrow.
   *
   * @param fieldsBefore the text fields that preceded the file part
   */
  T handle(FilePart file, FormFields fieldsBefore) throws IOException;
}
