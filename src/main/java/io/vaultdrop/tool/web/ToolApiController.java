package io.vaultdrop.tool.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.config.PublicLinks;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.tool.internal.ToolDownloads;
import io.vaultdrop.tool.internal.ToolJob;
import io.vaultdrop.web.ApiContract;
import io.vaultdrop.web.ApiContract.Caller;
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
@Tag(
    name = "Encrypt tool",
    description =
        "Encrypt a file into a .enc and a .key (or decrypt them back); both are deleted once"
            + " downloaded, or after VAULTDROP_TOOL_RETENTION. Signed-in users only.")
@ApiContract(caller = Caller.SIGNED_IN)
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
  @Operation(
      operationId = "encrypt",
      summary = "Encrypt a file",
      requestBody =
          @RequestBody(
              required = true,
              content = {
                @Content(
                    mediaType = "multipart/form-data",
                    schema = @Schema(implementation = ToolForms.Encrypt.class)),
                @Content(
                    mediaType = "application/json",
                    schema = @Schema(implementation = ToolForms.EncryptUpload.class))
              }))
  @ApiResponse(responseCode = "201", description = "The job; fetch encUrl and keyUrl, or zipUrl")
  @ApiContract(
      problems = {
        ErrorCode.UNSUPPORTED_ALGORITHM,
        ErrorCode.TOO_LARGE,
        ErrorCode.RATE_LIMITED,
        ErrorCode.NOT_FOUND,
        ErrorCode.UPLOAD_UNFINISHED
      })
  ResponseEntity<EncryptionView> encrypt(
      @AuthenticationPrincipal CurrentUser me, HttpServletRequest request) throws IOException {
    ToolJob job = uploads.encrypt(me.id(), request);
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(EncryptionView.of(job, this::link, ENCRYPTIONS, null));
  }

  @GetMapping(ENCRYPTIONS + "/{id}/enc")
  @Operation(operationId = "downloadEncrypted", summary = "Download name.enc")
  @ApiContract(problems = {ErrorCode.NOT_FOUND, ErrorCode.INVALID_REQUEST})
  ResponseEntity<StreamingResponseBody> enc(
      @AuthenticationPrincipal CurrentUser me,
      @PathVariable String id,
      @Parameter(description = "As age's ASCII armor (ChaCha20-Poly1305 jobs only, else 400)")
          @RequestParam(defaultValue = "false")
          boolean armor)
      throws IOException {
    return Downloads.response(downloads.encFile(me.id(), id, armor));
  }

  @GetMapping(ENCRYPTIONS + "/{id}/key")
  @Operation(operationId = "downloadKey", summary = "Download name.key")
  @ApiContract(problems = ErrorCode.NOT_FOUND)
  ResponseEntity<StreamingResponseBody> key(
      @AuthenticationPrincipal CurrentUser me, @PathVariable String id) throws IOException {
    return Downloads.response(downloads.keyFile(me.id(), id));
  }

  @GetMapping(ENCRYPTIONS + "/{id}/zip")
  @Operation(operationId = "downloadZip", summary = "Download name.enc and name.key as one zip")
  @ApiResponse(
      responseCode = "200",
      description = "The zip (counts as both files)",
      content = @Content(mediaType = "application/zip"))
  @ApiContract(problems = ErrorCode.NOT_FOUND)
  ResponseEntity<StreamingResponseBody> zip(
      @AuthenticationPrincipal CurrentUser me, @PathVariable String id) throws IOException {
    return Downloads.response(downloads.zip(me.id(), id));
  }

  @PostMapping(DECRYPTIONS)
  @Operation(
      operationId = "decrypt",
      summary = "Decrypt an .enc with its key",
      description = "The whole file is checked with the key before the job exists.",
      requestBody =
          @RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = "multipart/form-data",
                      schema = @Schema(implementation = ToolForms.Decrypt.class))))
  @ApiResponse(responseCode = "201", description = "The job; fetch downloadUrl")
  @ApiContract(
      problems = {ErrorCode.DECRYPTION_FAILED, ErrorCode.TOO_LARGE, ErrorCode.RATE_LIMITED})
  ResponseEntity<DecryptionView> decrypt(
      @AuthenticationPrincipal CurrentUser me, HttpServletRequest request) throws IOException {
    ToolJob job = uploads.decrypt(me.id(), request);
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(DecryptionView.of(job, this::link, DECRYPTIONS, null));
  }

  @GetMapping(DECRYPTIONS + "/{id}/file")
  @Operation(operationId = "downloadDecrypted", summary = "Download the decrypted original")
  @ApiContract(problems = ErrorCode.NOT_FOUND)
  ResponseEntity<StreamingResponseBody> original(
      @AuthenticationPrincipal CurrentUser me, @PathVariable String id) throws IOException {
    return Downloads.response(downloads.original(me.id(), id));
  }

  private String link(String path) {
    return links.link(path).toString();
  }
}
