package io.vaultdrop.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * Turns the {@code uploadId} a create call names into the content of that finished resumable upload
 * (implemented by the uploads module), so that {@link StreamingMultipart} hands every feature a
 * finished upload exactly like a streamed file part.
 */
public interface FinishedUploads {

  /**
   * Claims the finished upload for the caller of {@code request} until the request ends. When it
   * ends with a success, or with 415 (the content was refused for good), the upload is deleted;
   * after any other failure it can be claimed again.
   *
   * @param fieldName the file part the upload stands for (e.g. {@code file})
   * @param maxBytes the caller's limit for this create call
   * @throws io.vaultdrop.errors.DomainException 404 unknown, another caller's or used already; 409
   *     {@code upload_unfinished}; 413 larger than {@code maxBytes} (the upload is kept)
   */
  FilePart claim(HttpServletRequest request, String fieldName, String uploadId, long maxBytes)
      throws IOException;
}
