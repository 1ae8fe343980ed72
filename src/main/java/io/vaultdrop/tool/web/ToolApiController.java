package io.vaultdrop.tool.web;

import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.config.PublicLinks;
import io.vaultdrop.tool.internal.ToolDownloads;
import io.vaultdrop.tool.internal.ToolJob;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** The encrypt tool's JSON API (bearer tokens); see {@code API.md} "Encrypt tool". */
@RestController
class ToolApiController {

  private static final String ENCRYPTIONS = "/api/v1/encryptions";
  private static final String DECRYPTIONS = "/api/v1/decryptions";

  private final ToolUploads uploads;
  private final ToolDownloads downloads;
  private final PublicLinks links;

  ToolApiController(ToolUploads uploads, ToolDownloads downloads, PublicLinks links) {
    this.uploads = uploads;
    this.downloads = downloads;
    this.links = links;
  }

  @PostMapping(ENCRYPTIONS)
  ResponseEntity<EncryptionView> encrypt(
      @AuthenticationPrincipal CurrentUser me, HttpServletRequest request) throws IOException {
    ToolJob job = uploads.encrypt(me.id(), request);
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(EncryptionView.of(job, this::link, ENCRYPTIONS, null));
  }

  @GetMapping(ENCRYPTIONS + "/{id}/enc")
  ResponseEntity<StreamingResponseBody> enc(
      @AuthenticationPrincipal CurrentUser me,
      @PathVariable String id,
      @RequestParam(defaultValue = "false") boolean armor)
      throws IOException {
    return Downloads.response(downloads.encFile(me.id(), id, armor));
  }

  @GetMapping(ENCRYPTIONS + "/{id}/key")
  ResponseEntity<StreamingResponseBody> key(
      @AuthenticationPrincipal CurrentUser me, @PathVariable String id) throws IOException {
    return Downloads.response(downloads.keyFile(me.id(), id));
  }

  @GetMapping(ENCRYPTIONS + "/{id}/zip")
  ResponseEntity<StreamingResponseBody> zip(
      @AuthenticationPrincipal CurrentUser me, @PathVariable String id) throws IOException {
    return Downloads.response(downloads.zip(me.id(), id));
  }

  @PostMapping(DECRYPTIONS)
  ResponseEntity<DecryptionView> decrypt(
      @AuthenticationPrincipal CurrentUser me, HttpServletRequest request) throws IOException {
    ToolJob job = uploads.decrypt(me.id(), request);
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(DecryptionView.of(job, this::link, DECRYPTIONS, null));
  }

  @GetMapping(DECRYPTIONS + "/{id}/file")
  ResponseEntity<StreamingResponseBody> original(
      @AuthenticationPrincipal CurrentUser me, @PathVariable String id) throws IOException {
    return Downloads.response(downloads.original(me.id(), id));
  }

  private String link(String path) {
    return links.link(path).toString();
  }
}
