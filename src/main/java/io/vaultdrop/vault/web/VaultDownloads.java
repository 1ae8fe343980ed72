package io.vaultdrop.vault.web;

import io.vaultdrop.objects.ReadAheadCopy;
import io.vaultdrop.vault.internal.VaultService;
import io.vaultdrop.web.FileDownloads;
import java.io.IOException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Streams an opened vault file as an attachment and closes it whatever happens. */
final class VaultDownloads {

  private VaultDownloads() {}

  static ResponseEntity<StreamingResponseBody> respond(VaultService.Opened opened)
      throws IOException {
    StreamingResponseBody body =
        out -> {
          try (opened) {
            ReadAheadCopy.copy(opened.content(), out);
            out.flush();
          }
        };
    try {
      return FileDownloads.attachment(opened.file().name(), opened.file().size(), body);
    } catch (RuntimeException e) {
      opened.close();
      throw e;
    }
  }
}
