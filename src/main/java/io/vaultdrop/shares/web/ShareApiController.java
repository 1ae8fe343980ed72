package io.vaultdrop.shares.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.shares.ShareLinks;
import io.vaultdrop.shares.internal.ShareService;
import io.vaultdrop.shares.internal.ShareTransfers;
import io.vaultdrop.web.ApiContract;
import io.vaultdrop.web.ApiContract.Caller;
import io.vaultdrop.web.JsonBodies;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The share link API ({@code /api/v1/shares}); see {@code API.md} "Share links". */
@RestController
@RequestMapping("/api/v1/shares")
@Tag(
    name = "Shares",
    description =
        "Share links: expiring, counted, optionally password-protected downloads of one or"
            + " several files. The token and the revoke token are shown only once.")
final class ShareApiController {

  private final ShareService shares;
  private final ShareTransfers transfers;
  private final ShareRequests requests;
  private final JsonMapper json;

  ShareApiController(
      ShareService shares, ShareTransfers transfers, ShareRequests requests, JsonMapper json) {
    this.shares = shares;
    this.transfers = transfers;
    this.requests = requests;
    this.json = json;
  }

  @Schema(name = "ShareInfo")
  record Metadata(
      String name,
      long size,
      List<ShareLinks.SharedFile> files,
      Instant expiresAt,
      int downloadsLeft,
      boolean passwordRequired) {}

  @Schema(name = "OwnedShare")
  record Owned(
      String id,
      String name,
      long size,
      List<ShareLinks.SharedFile> files,
      Instant createdAt,
      Instant expiresAt,
      int maxDownloads,
      int downloadsLeft,
      boolean passwordRequired) {}

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      operationId = "createShare",
      summary = "Share files as a link",
      description =
          "Anonymous callers only while VAULTDROP_ANONYMOUS_UPLOADS allows (otherwise 401), within"
              + " the anonymous size limit. Files are encrypted while they stream in.",
      requestBody =
          @RequestBody(
              required = true,
              content = {
                @Content(
                    mediaType = "multipart/form-data",
                    schema = @Schema(implementation = ShareForms.Upload.class)),
                @Content(
                    mediaType = "application/json",
                    schema = @Schema(implementation = ShareForms.FromUploads.class))
              }))
  @ApiResponse(responseCode = "201", description = "The link, shown only this once")
  @ApiContract(
      caller = Caller.ANYONE_OR_SIGNED_IN,
      problems = {
        ErrorCode.TOO_LARGE,
        ErrorCode.RATE_LIMITED,
        ErrorCode.PASSWORD_CHECKS_BUSY,
        ErrorCode.NOT_FOUND,
        ErrorCode.UPLOAD_UNFINISHED
      })
  ShareLinks.CreatedLink create(
      HttpServletRequest request, @AuthenticationPrincipal @Nullable CurrentUser me)
      throws IOException {
    return requests.create(request, me);
  }

  @GetMapping
  @Operation(operationId = "listMyShares", summary = "List the shares I created")
  @ApiContract(caller = Caller.SIGNED_IN)
  List<Owned> mine(@AuthenticationPrincipal CurrentUser me) {
    return shares.listOwnedBy(me.id()).stream()
        .map(
            v ->
                new Owned(
                    v.id(),
                    v.name(),
                    v.size(),
                    v.files(),
                    v.createdAt(),
                    v.expiresAt(),
                    v.maxDownloads(),
                    v.downloadsLeft(),
                    v.passwordRequired()))
        .toList();
  }

  @GetMapping("/{token}")
  @Operation(
      operationId = "describeShare",
      summary = "A share's name, size, files and limits",
      description = "Never counts as a download.")
  @ApiContract(problems = {ErrorCode.NOT_FOUND, ErrorCode.RATE_LIMITED})
  Metadata describe(@PathVariable String token, HttpServletRequest request) {
    requests.limitRead(request);
    ShareService.ShareView view = shares.describe(token);
    return new Metadata(
        view.name(),
        view.size(),
        view.files(),
        view.expiresAt(),
        view.downloadsLeft(),
        view.passwordRequired());
  }

  /**
   * Claims one download: the file, or for a share of several files their zip, or with {@code
   * ?file=N} file N alone (0-based; out of range is a 404 that counts nothing). With {@code
   * Vaultdrop-Resume-Token} (from an earlier response for the same zip or file) and {@code Range:
   * bytes=N-}, continues that aborted transfer from byte N instead ({@code 206}), without claiming
   * another download.
   */
  @PostMapping("/{token}/download")
  @Operation(
      operationId = "downloadShare",
      summary = "Download a share (counts one download)",
      description =
          "The file, or a zip of all files of a multi-file share, or with `file=N` file N alone."
              + " The last allowed download deletes the share. After 5 wrong passwords the share"
              + " is destroyed (404 from then on).",
      requestBody =
          @RequestBody(
              description = "The password, for a protected share.",
              content = {
                @Content(
                    mediaType = "application/json",
                    schema = @Schema(implementation = ShareForms.Password.class)),
                @Content(
                    mediaType = "application/x-www-form-urlencoded",
                    schema = @Schema(implementation = ShareForms.Password.class))
              }))
  @ApiResponse(
      responseCode = "200",
      description = "The file (application/octet-stream) or the zip of all files",
      headers =
          @Header(
              name = ShareDownloads.RESUME_TOKEN_HEADER,
              description = "Resumes this transfer (this file, or this zip)",
              schema = @Schema(type = "string")),
      content = {
        @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE),
        @Content(mediaType = "application/zip")
      })
  @ApiResponse(
      responseCode = "206",
      description = "The rest of an aborted transfer, from the Range start",
      content = {
        @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE),
        @Content(mediaType = "application/zip")
      })
  @ApiContract(
      problems = {
        ErrorCode.PASSWORD_REQUIRED,
        ErrorCode.WRONG_PASSWORD,
        ErrorCode.NOT_FOUND,
        ErrorCode.RANGE_NOT_SATISFIABLE,
        ErrorCode.RATE_LIMITED,
        ErrorCode.PASSWORD_CHECKS_BUSY,
        ErrorCode.BUSY
      })
  ResponseEntity<StreamingResponseBody> download(
      @PathVariable String token,
      @Parameter(description = "0-based index of one file of a multi-file share")
          @RequestParam(name = "file", required = false)
          @Nullable String file,
      @Parameter(description = "From an earlier response: continue that transfer (with Range)")
          @RequestHeader(name = ShareDownloads.RESUME_TOKEN_HEADER, required = false)
          @Nullable String resumeToken,
      @Parameter(description = "`bytes=N-`, only with Vaultdrop-Resume-Token")
          @RequestHeader(name = HttpHeaders.RANGE, required = false)
          @Nullable String range,
      HttpServletRequest request)
      throws IOException {
    requests.limitDownload(request);
    String password = password(request);
    if (resumeToken == null) {
      // A Range without a resume token is ignored (RFC 9110 allows it): a fresh claim sends all.
      return ShareDownloads.respond(ShareDownloads.claim(transfers, token, password, file));
    }
    long offset = ShareDownloads.rangeStart(range);
    Integer index = ShareDownloads.fileIndex(file);
    return ShareDownloads.respond(transfers.resume(token, password, resumeToken, offset, index));
  }

  @DeleteMapping("/{token}")
  @Operation(
      operationId = "revokeShare",
      summary = "Revoke a share",
      description = "With the Revoke-Token header from its creation, or as its owner.")
  @ApiResponse(responseCode = "204", description = "Revoked; its files are deleted")
  @ApiContract(
      caller = Caller.ANYONE_OR_SIGNED_IN,
      problems = {ErrorCode.FORBIDDEN, ErrorCode.NOT_FOUND, ErrorCode.RATE_LIMITED})
  ResponseEntity<Void> revoke(
      @PathVariable String token,
      @Parameter(description = "The revokeToken of the share's creation")
          @RequestHeader(name = "Revoke-Token", required = false)
          @Nullable String revokeToken,
      @AuthenticationPrincipal @Nullable CurrentUser me,
      HttpServletRequest request)
      throws IOException {
    requests.limitRead(request);
    shares.revoke(token, revokeToken, me == null ? null : me.id());
    return ResponseEntity.noContent().build();
  }

  /** The optional password: a JSON body {@code {"password": "..."}} or a form field. */
  private @Nullable String password(HttpServletRequest request) throws IOException {
    String type = request.getContentType();
    if (type == null) {
      return null;
    }
    String lower = type.toLowerCase(Locale.ROOT);
    if (lower.startsWith("application/x-www-form-urlencoded")
        || lower.startsWith("multipart/form-data")) {
      return request.getParameter("password");
    }
    if (!lower.startsWith("application/json")) {
      throw new DomainException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "problem.share.password-type");
    }
    JsonNode password =
        JsonBodies.object(request, json).map(body -> body.get("password")).orElse(null);
    if (password == null || password.isNull()) {
      return null;
    }
    if (!password.isString()) {
      throw DomainException.invalidRequest("problem.password-not-string");
    }
    return password.asString();
  }
}
