package io.vaultdrop.vault.web;

import io.vaultdrop.objects.ReadAheadCopy;
import io.vaultdrop.vault.internal.VaultFile;
import io.vaultdrop.vault.internal.VaultService;
import io.vaultdrop.web.ByteRanges;
import io.vaultdrop.web.FileDownloads;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Streams an opened vault file as an attachment, whole or one byte range of it ({@link ByteRanges}:
 * a broken browser download resumes), and closes it whatever happens.
 */
final class VaultDownloads {

  private VaultDownloads() {}

  /**
   * @return the response, or {@code null} when a precondition decided ({@code If-None-Match} or
   *     {@code If-Modified-Since}: {@code 304}, as Spring's {@link
   *     ServletWebRequest#checkNotModified} evaluates them): the status and the validators are then
   *     set on {@code response}, and the file is closed unread. (Spring MVC does not check them
   *     itself for a {@link StreamingResponseBody}.)
   */
  static @Nullable ResponseEntity<StreamingResponseBody> respond(
      VaultService.Opened opened, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    try {
      VaultFile file = opened.file();
      String etag = etag(file);
      long modified = file.createdAt().toEpochMilli();
      // Asked first without the response (it changes nothing then), so a plain download's headers
      // stay those below; only a decided precondition is written to the response.
      if (new ServletWebRequest(request).checkNotModified(etag, modified)) {
        new ServletWebRequest(request, response).checkNotModified(etag, modified);
        opened.close();
        return null;
      }
      ByteRanges.@Nullable Slice slice =
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
      if (HttpMethod.HEAD.matches(request.getMethod())) {
        // The headers a GET would send, and nothing read: Spring runs a HEAD through the GET
        // handler, and the body would decrypt the whole file (and count a download) for nobody.
        opened.close();
        StreamingResponseBody nothing = out -> {};
        return slice == null
            ? ResponseEntity.ok().headers(headers).body(nothing)
            : ByteRanges.partial(headers, slice, nothing);
      }
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
   * under its id (objects are written once), and the tag reveals neither id.
   */
  static String etag(VaultFile file) {
    return ByteRanges.strongEtag("vault", file.id(), file.blobId().value());
  }
}
