package io.vaultdrop.web;

import io.vaultdrop.filenames.FileNames;
import java.nio.charset.StandardCharsets;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Response headers for sending a stored file to a client. Every download is an opaque attachment
 * that no browser renders or sniffs, whatever the bytes are:
 *
 * <ul>
 *   <li>{@code Content-Disposition: attachment; filename="<ASCII fallback>"; filename*=UTF-8''<RFC
 *       5987>} from {@link FileNames#displayName} of the name
 *   <li>{@code Content-Type: application/octet-stream}, {@code X-Content-Type-Options: nosniff}
 *   <li>{@code Content-Security-Policy: default-src 'none'; sandbox}, {@code Cache-Control:
 *       no-store}
 *   <li>{@code Content-Length} when the exact size is known
 * </ul>
 */
public final class FileDownloads {

  /** The policy of every download response: nothing loads, nothing runs. */
  public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; sandbox";

  /** Pass as {@code contentLength} when the size is not known in advance. */
  public static final long UNKNOWN_LENGTH = -1;

  private FileDownloads() {}

  /**
   * @param fileName the original name (sanitised again here)
   * @param contentLength the exact number of body bytes, or {@link #UNKNOWN_LENGTH}
   */
  public static HttpHeaders headers(String fileName, long contentLength) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentDisposition(contentDisposition(fileName));
    headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    headers.setCacheControl(CacheControl.noStore());
    if (contentLength >= 0) {
      headers.setContentLength(contentLength);
    }
    return headers;
  }

  /** A {@code 200} response streaming {@code body} with {@link #headers}. */
  public static ResponseEntity<StreamingResponseBody> attachment(
      String fileName, long contentLength, StreamingResponseBody body) {
    return ResponseEntity.ok().headers(headers(fileName, contentLength)).body(body);
  }

  /** {@link #attachment} of a zip archive Vaultdrop builds: {@code application/zip}. */
  public static ResponseEntity<StreamingResponseBody> zipAttachment(
      String fileName, long contentLength, StreamingResponseBody body) {
    HttpHeaders headers = headers(fileName, contentLength);
    headers.setContentType(ZIP);
    return ResponseEntity.ok().headers(headers).body(body);
  }

  /** Media type of the zip archives Vaultdrop builds (a share's files, a tool job's pair). */
  public static final MediaType ZIP = MediaType.parseMediaType("application/zip");

  static ContentDisposition contentDisposition(String fileName) {
    return ContentDisposition.attachment()
        .filename(FileNames.displayName(fileName), StandardCharsets.UTF_8)
        .build();
  }
}
