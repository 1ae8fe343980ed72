package io.vaultdrop.vault.web;

import io.vaultdrop.objects.ReadAheadCopy;
import io.vaultdrop.vault.internal.VaultFile;
import io.vaultdrop.vault.internal.VaultService;
import io.vaultdrop.web.ByteRanges;
import io.vaultdrop.web.FileDownloads;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Streams an opened vault file as an attachment, whole or one byte range of it ({@link ByteRanges}:
 * a broken browser download resumes), and closes it whatever happens.
 */
final class VaultDownloads {

  private VaultDownloads() {}

  static ResponseEntity<StreamingResponseBody> respond(
      VaultService.Opened opened, HttpServletRequest request) throws IOException {
    try {
      VaultFile file = opened.file();
      String etag = etag(file);
      if (new ServletWebRequest(request).checkNotModified(etag, file.createdAt().toEpochMilli())) {
        // If-None-Match/If-Match/If-(Un)Modified-Since decide: Spring MVC answers 304 or 412 from
        // these validators without a body, so nothing is read and the object is released now.
        opened.close();
        return ResponseEntity.ok().eTag(etag).lastModified(file.createdAt()).build();
      }
      ByteRanges.Slice slice =
          ByteRanges.select(
              request.getHeader(HttpHeaders.RANGE),
              request.getHeader(HttpHeaders.IF_RANGE),
              file.size(),
              etag,
              file.createdAt());
      StreamingResponseBody body =
          out -> {
            try (opened) {
              // Before a range: decrypted, authenticated and dropped (constant memory).
              InputStream content = slice == null ? opened.content() : slice.of(opened.content());
              ReadAheadCopy.copy(content, out);
              out.flush();
            }
          };
      HttpHeaders headers = FileDownloads.headers(file.name(), file.size());
      ByteRanges.describe(headers, etag, file.createdAt());
      return slice == null
          ? ResponseEntity.ok().headers(headers).body(body)
          : ByteRanges.partial(headers, slice, body);
    } catch (RuntimeException e) {
      opened.close();
      throw e;
    }
  }

  /**
   * Names the stored version: the file id and its object's id. A vault file's content never changes
   * under its id (objects are written once), and the tag reveals neither id's internals.
   */
  static String etag(VaultFile file) {
    return ByteRanges.strongEtag("vault", file.id(), file.blobId().value());
  }
}
