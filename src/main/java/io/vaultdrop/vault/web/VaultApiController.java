package io.vaultdrop.vault.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.vault.internal.VaultFile;
import io.vaultdrop.vault.internal.VaultService;
import io.vaultdrop.web.AnswersHead;
import io.vaultdrop.web.ApiContract;
import io.vaultdrop.web.ApiContract.Caller;
import io.vaultdrop.web.FileUploadForm;
import io.vaultdrop.web.FinishedUploadForm;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The vault API ({@code /api/v1/files}, bearer tokens); see {@code API.md} "Vault". Another user's
 * file id answers exactly like an unknown one ({@code 404 not_found}), for every role.
 */
@RestController
@RequestMapping("/api/v1/files")
@ApiContract(caller = Caller.SIGNED_IN, problems = ErrorCode.EMAIL_NOT_VERIFIED)
@Tag(
    name = "Vault",
    description =
        "The caller's private files. Signed-in users with a verified e-mail address only (401"
            + " anonymous, 403 email_not_verified). Another user's file id is a 404, exactly like"
            + " an unknown one, whatever the caller's role.")
final class VaultApiController {

  private final VaultService vault;
  private final VaultUploadRequests uploads;
  private final ShareOptionsReader options;

  VaultApiController(VaultService vault, VaultUploadRequests uploads, ShareOptionsReader options) {
    this.vault = vault;
    this.uploads = uploads;
    this.options = options;
  }

  /** The optional body of a share, for the OpenAPI document. */
  @Schema(name = "VaultShareOptions")
  record ShareOptionsForm(
      @Schema(description = "Lifetime in seconds (default 86400).", minimum = "1") Long expiresIn,
      @Schema(description = "Downloads allowed (default 1).", minimum = "1") Long maxDownloads,
      @Schema(description = "Optional password.") String password) {
    @Override
    public String toString() {
      return "ShareOptionsForm[<hidden>]";
    }
  }

  @GetMapping
  @Operation(
      operationId = "listFiles",
      summary = "List my files",
      description = "Newest first; only the caller's files.")
  List<FileView> list(@AuthenticationPrincipal CurrentUser me) {
    return vault.list(me).stream().map(FileView::of).toList();
  }

  @PostMapping
  @Operation(
      operationId = "uploadFile",
      summary = "Upload a file",
      description =
          "Encrypted while it streams in. 413 `too_large` beyond VAULTDROP_MAX_UPLOAD_SIZE, 413"
              + " `quota_exceeded` when the file does not fit into the remaining quota"
              + " (VAULTDROP_VAULT_QUOTA).",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content = {
                @Content(
                    mediaType = "multipart/form-data",
                    schema = @Schema(implementation = FileUploadForm.class)),
                @Content(
                    mediaType = "application/json",
                    schema = @Schema(implementation = FinishedUploadForm.class))
              }))
  @ApiResponse(responseCode = "201", description = "Stored")
  @ApiContract(
      problems = {
        ErrorCode.TOO_LARGE,
        ErrorCode.QUOTA_EXCEEDED,
        ErrorCode.RATE_LIMITED,
        ErrorCode.NOT_FOUND,
        ErrorCode.UPLOAD_UNFINISHED
      })
  ResponseEntity<FileView> upload(
      @AuthenticationPrincipal CurrentUser me, HttpServletRequest request) throws IOException {
    VaultFile file = uploads.upload(me, request);
    return ResponseEntity.created(URI.create("/api/v1/files/" + file.id())).body(FileView.of(file));
  }

  @GetMapping("/usage")
  @Operation(
      operationId = "vaultUsage",
      summary = "My usage",
      description = "Files, bytes used, quota and bytes available.")
  UsageView usage(@AuthenticationPrincipal CurrentUser me) {
    return UsageView.of(vault.usage(me));
  }

  @GetMapping("/{id}")
  @Operation(operationId = "getFile", summary = "One file's metadata")
  @ApiContract(problems = ErrorCode.NOT_FOUND)
  FileView metadata(
      @AuthenticationPrincipal CurrentUser me,
      @Parameter(description = "File id") @PathVariable String id) {
    return vault.find(me, id).map(FileView::of).orElseThrow(DomainException::notFound);
  }

  @GetMapping("/{id}/content")
  @Operation(
      operationId = "downloadFile",
      summary = "Download a file",
      description =
          "The original bytes as an attachment (Content-Disposition with filename*, nosniff,"
              + " exact Content-Length), with Accept-Ranges, a strong ETag of the stored version"
              + " and Last-Modified (the upload time). A broken download resumes with one byte"
              + " range (RFC 9110): `Range: bytes=N-`, `bytes=N-M` or `bytes=-K` answers 206 with"
              + " exactly those bytes; with If-Range (the ETag or the Last-Modified date) only"
              + " while the file is unchanged, otherwise 200 with the whole file. Several ranges"
              + " or a malformed Range: 200 with the whole file. A range starting at or past the"
              + " end: 416 `range_not_satisfiable` with `Content-Range: bytes */<size>`.",
      parameters = {
        @Parameter(
            in = ParameterIn.HEADER,
            name = HttpHeaders.RANGE,
            description = "One byte range: `bytes=N-`, `bytes=N-M` or `bytes=-K`",
            schema = @Schema(type = "string")),
        @Parameter(
            in = ParameterIn.HEADER,
            name = HttpHeaders.IF_RANGE,
            description =
                "The ETag or Last-Modified of the partial copy: the range applies only"
                    + " if it still names the current file",
            schema = @Schema(type = "string"))
      })
  @ApiResponse(
      responseCode = "200",
      description = "The whole file",
      headers = {
        @Header(name = HttpHeaders.ACCEPT_RANGES, schema = @Schema(type = "string")),
        @Header(
            name = HttpHeaders.ETAG,
            description = "Strong; changes when the stored content changes",
            schema = @Schema(type = "string")),
        @Header(name = HttpHeaders.LAST_MODIFIED, schema = @Schema(type = "string"))
      },
      content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE))
  @ApiResponse(
      responseCode = "206",
      description = "The requested byte range",
      headers = {
        @Header(
            name = HttpHeaders.CONTENT_RANGE,
            description = "`bytes N-M/<size>`",
            schema = @Schema(type = "string")),
        @Header(name = HttpHeaders.ETAG, schema = @Schema(type = "string"))
      },
      content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE))
  @ApiResponse(
      responseCode = "304",
      description = "If-None-Match names the ETag, or If-Modified-Since is not before the upload")
  @ApiContract(problems = {ErrorCode.NOT_FOUND, ErrorCode.RANGE_NOT_SATISFIABLE})
  @AnswersHead
  @Nullable ResponseEntity<StreamingResponseBody> content(
      @AuthenticationPrincipal CurrentUser me,
      @PathVariable String id,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    return VaultDownloads.respond(vault.open(me, id), request, response);
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(operationId = "deleteFile", summary = "Delete a file")
  @ApiResponse(responseCode = "204", description = "Deleted, with its encrypted content")
  @ApiContract(problems = ErrorCode.NOT_FOUND)
  void delete(@AuthenticationPrincipal CurrentUser me, @PathVariable String id) {
    vault.delete(me, id);
  }

  @PostMapping("/{id}/share")
  @Operation(
      operationId = "shareFile",
      summary = "Share a file as a link",
      description =
          "Creates a share link (see /api/v1/shares) holding a copy of the file, encrypted under"
              + " the link's own key. Options as JSON or form fields, all optional.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content = {
                @Content(
                    mediaType = "application/json",
                    schema = @Schema(implementation = ShareOptionsForm.class)),
                @Content(
                    mediaType = "application/x-www-form-urlencoded",
                    schema = @Schema(implementation = ShareOptionsForm.class))
              }))
  @ApiResponse(responseCode = "201", description = "The link, shown only this once")
  @ApiContract(problems = {ErrorCode.NOT_FOUND, ErrorCode.TOO_LARGE, ErrorCode.RATE_LIMITED})
  ResponseEntity<SharedLinkView> share(
      @AuthenticationPrincipal CurrentUser me, @PathVariable String id, HttpServletRequest request)
      throws IOException {
    VaultService.requireVerified(me);
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(SharedLinkView.of(vault.share(me, id, options.read(request))));
  }
}
