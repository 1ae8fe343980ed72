package io.vaultdrop.tool.web;

import io.vaultdrop.tool.internal.ToolDownloads.Download;
import io.vaultdrop.web.FileDownloads;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** A tool download as an attachment response (same headers as every Vaultdrop download). */
final class Downloads {

  private Downloads() {}

  static ResponseEntity<StreamingResponseBody> response(Download download) {
    long length = download.length() < 0 ? FileDownloads.UNKNOWN_LENGTH : download.length();
    return download.zip()
        ? FileDownloads.zipAttachment(
            download.fileName(), length, out -> download.body().writeTo(out))
        : FileDownloads.attachment(
            download.fileName(), length, out -> download.body().writeTo(out));
  }
}
