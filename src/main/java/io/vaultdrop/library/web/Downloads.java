package io.vaultdrop.library.web;

import io.vaultdrop.library.internal.LibraryService;
import io.vaultdrop.web.FileDownloads;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** A library download as an attachment response (same headers as every Vaultdrop download). */
final class Downloads {

  private Downloads() {}

  static ResponseEntity<StreamingResponseBody> response(LibraryService.Download download) {
    return FileDownloads.attachment(
        download.fileName(), download.length(), out -> download.body().writeTo(out));
  }
}
