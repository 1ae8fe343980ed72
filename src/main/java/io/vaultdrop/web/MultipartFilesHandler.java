package io.vaultdrop.web;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Consumes each file part of a multi-file upload while it streams in ({@link
 * StreamingMultipart#receiveFiles}).
 *
 * @param <T> what the handler builds from the files (for example a pending share); when it is
 *     {@link AutoCloseable}, a failure later in the request closes it
 */
@FunctionalInterface
public interface MultipartFilesHandler<T> {

  /**
   * Called once per file part, in order, when the part begins. Read {@code file.content()} to its
   * end (or stop and throw). If this call throws, it must first close whatever it created in this
   * call; what an earlier call returned is closed by the reader.
   *
   * @param previous what the previous call returned; {@code null} for the first file
   * @param fieldsBefore the text fields that preceded this file part
   * @param bytesLeft how many bytes this file may still have (the request's limit minus the files
   *     before it); {@code file.content()} enforces it too
   * @return what the next call receives as {@code previous}, and finally {@link
   *     MultipartResult#value()}
   */
  T handle(@Nullable T previous, FilePart file, FormFields fieldsBefore, long bytesLeft)
      throws IOException;
}
