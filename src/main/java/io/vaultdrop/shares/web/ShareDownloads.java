package io.vaultdrop.shares.web;

import io.vaultdrop.shares.internal.ShareService;
import io.vaultdrop.web.FileDownloads;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Streams a claimed download and ends the transfer whatever happens. */
final class ShareDownloads {

  private ShareDownloads() {}

  static ResponseEntity<StreamingResponseBody> respond(ShareService.Download download) {
    StreamingResponseBody body =
        out -> {
          try (download) {
            download.content().transferTo(out);
            out.flush();
          }
        };
    try {
      return FileDownloads.attachment(download.name(), download.size(), body);
    } catch (RuntimeException e) {
      download.close();
      throw e;
    }
  }
}
