package io.vaultdrop.shares.web;

import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.objects.ReadAheadCopy;
import io.vaultdrop.shares.internal.ShareTransfers;
import io.vaultdrop.web.FileDownloads;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Streams a claimed or resumed download and ends the transfer whatever happens. The response
 * carries the claimant's resume token; a resumed transfer answers {@code 206} with {@code
 * Content-Range}.
 */
final class ShareDownloads {

  /** Response header with the resume token; request header to resume with it. */
  static final String RESUME_TOKEN_HEADER = "Vaultdrop-Resume-Token";

  private static final Pattern OPEN_RANGE = Pattern.compile("bytes=([0-9]{1,18})-");

  private ShareDownloads() {}

  static ResponseEntity<StreamingResponseBody> respond(ShareTransfers.Download download) {
    StreamingResponseBody body =
        out -> {
          try (download) {
            ReadAheadCopy.copy(download.content(), out);
            out.flush();
            download.completed();
          }
        };
    try {
      long offset = download.offset();
      long size = download.size();
      HttpHeaders headers = FileDownloads.headers(download.name(), size - offset);
      headers.set(RESUME_TOKEN_HEADER, download.resumeToken());
      headers.set(HttpHeaders.ACCEPT_RANGES, "bytes");
      if (offset == 0) {
        return ResponseEntity.ok().headers(headers).body(body);
      }
      headers.set(HttpHeaders.CONTENT_RANGE, "bytes " + offset + "-" + (size - 1) + "/" + size);
      return ResponseEntity.status(HttpStatus.PARTIAL_CONTENT).headers(headers).body(body);
    } catch (RuntimeException e) {
      download.close();
      throw e;
    }
  }

  /**
   * First byte of a {@code Range: bytes=N-} header; 0 without one.
   *
   * @throws DomainException 416 {@code range_not_satisfiable} for any other form (resuming needs
   *     the rest of the file, nothing else)
   */
  static long rangeStart(@Nullable String range) {
    if (range == null || range.isBlank()) {
      return 0;
    }
    Matcher matcher = OPEN_RANGE.matcher(range.strip());
    if (!matcher.matches()) {
      throw new DomainException(
          ErrorCode.RANGE_NOT_SATISFIABLE,
          "Resume with Range: bytes=<first byte>- (one open-ended range).");
    }
    return Long.parseLong(matcher.group(1));
  }
}
