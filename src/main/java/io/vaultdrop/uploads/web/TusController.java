package io.vaultdrop.uploads.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.filenames.FileNames;
import io.vaultdrop.ratelimit.ClientAddresses;
import io.vaultdrop.ratelimit.RateLimitPolicy;
import io.vaultdrop.ratelimit.RateLimiter;
import io.vaultdrop.uploads.internal.UploadProperties;
import io.vaultdrop.uploads.internal.UploadService;
import io.vaultdrop.web.ApiContract;
import io.vaultdrop.web.ApiContract.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tus 1.0.0 server (core, {@code creation}, {@code creation-with-upload}, {@code termination},
 * {@code expiration}) at {@code /api/v1/uploads} for API clients and {@code /uploads} for the web
 * pages (session and CSRF header); see {@code API.md} "Resumable uploads" and {@code
 * docs/uploads.md}. Every answer carries {@code Tus-Resumable}; errors are problem+json.
 */
@RestController
@RequestMapping({"/api/v1/uploads", "/uploads"})
@Tag(
    name = "Resumable uploads",
    description =
        "tus 1.0.0 (core, creation, creation-with-upload, termination, expiration). A finished"
            + " upload is turned into a share, capsule, vault file, encryption or library document"
            + " by naming it as `uploadId` in that create call. Errors are problem+json.")
@ApiContract(caller = Caller.ANYONE_OR_SIGNED_IN)
final class TusController {

  static final String VERSION = "1.0.0";
  static final String EXTENSIONS = "creation,creation-with-upload,termination,expiration";
  static final String OFFSET_STREAM = "application/offset+octet-stream";
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private final UploadService uploads;
  private final UploadLimits limits;
  private final RateLimiter limiter;
  private final ClientAddresses addresses;
  private final RateLimitPolicy signedInCreates;
  private final RateLimitPolicy anonymousCreates;

  TusController(
      UploadService uploads,
      UploadLimits limits,
      RateLimiter limiter,
      ClientAddresses addresses,
      UploadProperties properties) {
    this.uploads = uploads;
    this.limits = limits;
    this.limiter = limiter;
    this.addresses = addresses;
    this.signedInCreates =
        new RateLimitPolicy("upload-create", properties.createsPerHour(), Duration.ofHours(1));
    this.anonymousCreates =
        new RateLimitPolicy(
            "upload-create-anonymous", properties.anonymousCreatesPerHour(), Duration.ofHours(1));
  }

  @RequestMapping(method = RequestMethod.OPTIONS)
  @Operation(operationId = "tusOptions", summary = "What this tus server supports")
  @ApiResponse(
      responseCode = "204",
      description = "The server's tus capabilities",
      headers = {
        @Header(name = "Tus-Resumable", schema = @Schema(type = "string")),
        @Header(name = "Tus-Version", schema = @Schema(type = "string")),
        @Header(name = "Tus-Extension", schema = @Schema(type = "string")),
        @Header(
            name = "Tus-Max-Size",
            description = "The caller's largest upload (absent when the caller may not upload)",
            schema = @Schema(type = "integer", format = "int64"))
      })
  ResponseEntity<Void> options(@AuthenticationPrincipal @Nullable CurrentUser me) {
    var answer =
        ResponseEntity.noContent()
            .header("Tus-Resumable", VERSION)
            .header("Tus-Version", VERSION)
            .header("Tus-Extension", EXTENSIONS);
    limits.advertised(me).ifPresent(max -> answer.header("Tus-Max-Size", Long.toString(max)));
    return answer.build();
  }

  @RequestMapping(method = RequestMethod.POST)
  @Operation(
      operationId = "createUpload",
      summary = "Create an upload (tus creation, optionally with its first bytes)",
      parameters =
          @Parameter(
              in = ParameterIn.HEADER,
              name = "Tus-Resumable",
              required = true,
              schema = @Schema(type = "string", allowableValues = VERSION)),
      requestBody =
          @RequestBody(
              description = "creation-with-upload: the first bytes",
              content =
                  @Content(
                      mediaType = OFFSET_STREAM,
                      schema = @Schema(type = "string", format = "binary"))))
  @ApiResponse(
      responseCode = "201",
      description = "Created; its id is the last path segment of Location",
      headers = {
        @Header(name = "Location", schema = @Schema(type = "string")),
        @Header(name = "Upload-Expires", schema = @Schema(type = "string")),
        @Header(
            name = "Upload-Offset",
            description = "With a body: the bytes stored",
            schema = @Schema(type = "integer", format = "int64"))
      })
  @ApiContract(
      problems = {
        ErrorCode.UNSUPPORTED_TUS_VERSION,
        ErrorCode.INVALID_REQUEST,
        ErrorCode.TOO_LARGE,
        ErrorCode.RATE_LIMITED
      })
  ResponseEntity<Void> create(
      @Parameter(description = "Total bytes of the upload", required = true)
          @RequestHeader(name = "Upload-Length", required = false)
          @Nullable String length,
      @Parameter(description = "tus metadata: `filename <base64>`, other keys allowed")
          @RequestHeader(name = "Upload-Metadata", required = false)
          @Nullable String metadata,
      @AuthenticationPrincipal @Nullable CurrentUser me,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    requireTus(request, response);
    if (request.getHeader("Upload-Defer-Length") != null) {
      throw DomainException.invalidRequest("problem.upload.defer-length");
    }
    long total = parseLength(length, "Upload-Length");
    UploadMetadata meta = UploadMetadata.parse(metadata);
    long max = limits.maxBytes(me, meta.get("target").orElse(null));
    if (total > max) {
      throw new DomainException(ErrorCode.TOO_LARGE, "problem.upload.over-limit", max);
    }
    if (me == null) {
      limiter.consume(anonymousCreates, ClientAddresses.budgetKey(addresses.of(request)));
    } else {
      limiter.consume(signedInCreates, "user:" + me.id());
    }
    boolean withBody = hasBody(request);
    if (withBody) {
      requireOffsetStream(request);
    }
    String fileName = FileNames.displayName(meta.fileName().orElse(null));
    UploadService.Created created = uploads.create(callerId(me), fileName, total);
    UploadService.Status status = created.status();
    if (withBody) {
      status = uploads.append(created.token(), callerId(me), 0, request.getInputStream());
    }
    var answer =
        ResponseEntity.status(HttpStatus.CREATED)
            .header(HttpHeaders.LOCATION, request.getRequestURI() + "/" + created.token())
            .header("Tus-Resumable", VERSION)
            .header("Upload-Expires", HTTP_DATE.format(status.expiresAt()));
    if (withBody) {
      answer.header("Upload-Offset", Long.toString(status.offset()));
    }
    return answer.build();
  }

  @RequestMapping(path = "/{token}", method = RequestMethod.HEAD)
  @Operation(
      operationId = "uploadStatus",
      summary = "How many bytes of an upload are stored",
      parameters =
          @Parameter(
              in = ParameterIn.HEADER,
              name = "Tus-Resumable",
              required = true,
              schema = @Schema(type = "string", allowableValues = VERSION)))
  @ApiResponse(
      responseCode = "200",
      description = "The upload's state",
      headers = {
        @Header(name = "Upload-Offset", schema = @Schema(type = "integer", format = "int64")),
        @Header(name = "Upload-Length", schema = @Schema(type = "integer", format = "int64")),
        @Header(name = "Upload-Expires", schema = @Schema(type = "string"))
      })
  @ApiContract(problems = {ErrorCode.UNSUPPORTED_TUS_VERSION, ErrorCode.NOT_FOUND})
  ResponseEntity<Void> head(
      @PathVariable String token,
      @AuthenticationPrincipal @Nullable CurrentUser me,
      HttpServletRequest request,
      HttpServletResponse response) {
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    requireTus(request, response);
    UploadService.Status status = uploads.status(token, callerId(me));
    return ResponseEntity.ok()
        .header("Tus-Resumable", VERSION)
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .header("Upload-Offset", Long.toString(status.offset()))
        .header("Upload-Length", Long.toString(status.length()))
        .header("Upload-Expires", HTTP_DATE.format(status.expiresAt()))
        .build();
  }

  @RequestMapping(path = "/{token}", method = RequestMethod.PATCH)
  @Operation(
      operationId = "appendUpload",
      summary = "Append bytes at Upload-Offset",
      parameters =
          @Parameter(
              in = ParameterIn.HEADER,
              name = "Tus-Resumable",
              required = true,
              schema = @Schema(type = "string", allowableValues = VERSION)),
      requestBody =
          @RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = OFFSET_STREAM,
                      schema = @Schema(type = "string", format = "binary"))))
  @ApiResponse(
      responseCode = "204",
      description = "Stored",
      headers = {
        @Header(name = "Upload-Offset", schema = @Schema(type = "integer", format = "int64")),
        @Header(name = "Upload-Expires", schema = @Schema(type = "string"))
      })
  @ApiContract(
      problems = {
        ErrorCode.UNSUPPORTED_TUS_VERSION,
        ErrorCode.NOT_FOUND,
        ErrorCode.OFFSET_MISMATCH,
        ErrorCode.TOO_LARGE
      })
  ResponseEntity<Void> patch(
      @PathVariable String token,
      @Parameter(description = "Where these bytes start", required = true)
          @RequestHeader(name = "Upload-Offset", required = false)
          @Nullable String offset,
      @AuthenticationPrincipal @Nullable CurrentUser me,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    requireTus(request, response);
    requireOffsetStream(request);
    long from = parseLength(offset, "Upload-Offset");
    UploadService.Status status =
        uploads.append(token, callerId(me), from, request.getInputStream());
    return ResponseEntity.noContent()
        .header("Tus-Resumable", VERSION)
        .header("Upload-Offset", Long.toString(status.offset()))
        .header("Upload-Expires", HTTP_DATE.format(status.expiresAt()))
        .build();
  }

  @RequestMapping(path = "/{token}", method = RequestMethod.DELETE)
  @Operation(
      operationId = "deleteUpload",
      summary = "Delete an upload and its stored bytes (tus termination)",
      parameters =
          @Parameter(
              in = ParameterIn.HEADER,
              name = "Tus-Resumable",
              required = true,
              schema = @Schema(type = "string", allowableValues = VERSION)))
  @ApiResponse(responseCode = "204", description = "Deleted")
  @ApiContract(problems = {ErrorCode.UNSUPPORTED_TUS_VERSION, ErrorCode.NOT_FOUND})
  ResponseEntity<Void> delete(
      @PathVariable String token,
      @AuthenticationPrincipal @Nullable CurrentUser me,
      HttpServletRequest request,
      HttpServletResponse response) {
    requireTus(request, response);
    uploads.terminate(token, callerId(me));
    return ResponseEntity.noContent().header("Tus-Resumable", VERSION).build();
  }

  /** 412 (with {@code Tus-Version}) unless the client speaks tus 1.0.0. */
  private static void requireTus(HttpServletRequest request, HttpServletResponse response) {
    response.setHeader("Tus-Resumable", VERSION);
    if (!VERSION.equals(request.getHeader("Tus-Resumable"))) {
      response.setHeader("Tus-Version", VERSION);
      throw new DomainException(
          ErrorCode.UNSUPPORTED_TUS_VERSION, "problem.upload.tus-version", VERSION);
    }
  }

  private static void requireOffsetStream(HttpServletRequest request) {
    String type = request.getContentType();
    if (type == null || !type.strip().toLowerCase(Locale.ROOT).startsWith(OFFSET_STREAM)) {
      throw new DomainException(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE, "problem.upload.content-type", OFFSET_STREAM);
    }
  }

  private static boolean hasBody(HttpServletRequest request) {
    return request.getContentLengthLong() > 0
        || (request.getContentLengthLong() < 0 && request.getHeader("Transfer-Encoding") != null);
  }

  private static long parseLength(@Nullable String value, String header) {
    if (value == null
        || value.isEmpty()
        || value.length() > 19
        || !value.chars().allMatch(Character::isDigit)) {
      throw DomainException.invalidRequest("problem.header-whole-number", header);
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw DomainException.invalidRequest("problem.header-whole-number", header);
    }
  }

  private static @Nullable String callerId(@Nullable CurrentUser me) {
    return me == null ? null : me.id();
  }
}
