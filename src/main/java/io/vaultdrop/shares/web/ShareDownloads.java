package io.vaultdrop.shares.web;

import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
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
 * carries the claimant's resume token (of this file, or of this zip); a resumed transfer answers
 * {@code 206} with {@code Content-Range}. The zip of a share of several files is {@code
 * application/zip}.
 */
final class ShareDownloads {

  /** Response header with the resume token; request header to resume with it. */
  static final String RESUME_TOKEN_HEADER = "Vaultdrop-Resume-Token";

  private static final Pattern OPEN_RANGE = Pattern.compile("bytes=([0-9]{1,18})-");
  private static final Pattern FILE_INDEX = Pattern.compile("[0-9]{1,6}");

  private ShareDownloads() {}

  static ResponseEntity<StreamingResponseBody> respond(ShareTransfers.Download download) {
    return respond(download, null);
  }

  /**
   * Like {@link #respond(ShareTransfers.Download)}, with a strong {@code ETag} (the browser
   * download's, {@link #etag}) so that a client may resume with {@code If-Range}.
   */
  static ResponseEntity<StreamingResponseBody> respond(
      ShareTransfers.Download download, @Nullable String etag) {
    StreamingResponseBody body =
        out -> {
          try (download) {
            download.writeTo(out);
            out.flush();
            download.completed();
          }
        };
    try {
      long offset = download.offset();
      long size = download.size();
      HttpHeaders headers = FileDownloads.headers(download.name(), size - offset);
      if (download.zip()) {
        headers.setContentType(FileDownloads.ZIP);
      }
      headers.set(RESUME_TOKEN_HEADER, download.resumeToken());
      headers.set(HttpHeaders.ACCEPT_RANGES, "bytes");
      if (etag != null) {
        headers.setETag(etag);
      }
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
   * The file index of {@code ?file=N} (a query or form parameter), or {@code null} without one.
   *
   * @throws DomainException 400 {@code invalid_request} unless it is a whole number
   */
  static @Nullable Integer fileIndex(@Nullable String file) {
    if (file == null) {
      return null;
    }
    if (!FILE_INDEX.matcher(file).matches()) {
      throw DomainException.invalidRequest("problem.share.file-index");
    }
    return Integer.parseInt(file);
  }

  /** Claims a download: the whole share, or file {@code file} of it. */
  static ShareTransfers.Download claim(
      ShareTransfers transfers, String token, @Nullable String password, @Nullable String file)
      throws java.io.IOException {
    Integer index = fileIndex(file);
    return index == null
        ? transfers.download(token, password)
        : transfers.downloadFile(token, password, index);
  }

  /**
   * The strong entity tag of the transfer a resume token belongs to: that token's claim always
   * sends the same bytes. It is a hash under its own label, neither the token nor the hash the
   * database keeps.
   */
  static String etag(String resumeToken) {
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(
                  ("vaultdrop-share-download-etag|" + resumeToken)
                      .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return "\""
          + java.util.Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(java.util.Arrays.copyOf(digest, 18))
          + "\"";
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
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
      throw new DomainException(ErrorCode.RANGE_NOT_SATISFIABLE, "problem.share.range");
    }
    return Long.parseLong(matcher.group(1));
  }
}
