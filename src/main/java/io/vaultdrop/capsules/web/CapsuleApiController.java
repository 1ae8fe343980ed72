package io.vaultdrop.capsules.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.capsules.internal.CapsuleService;
import io.vaultdrop.capsules.internal.OpenedCapsule;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.objects.ReadAheadCopy;
import io.vaultdrop.web.ApiContract;
import io.vaultdrop.web.ApiContract.Caller;
import io.vaultdrop.web.FileDownloads;
import io.vaultdrop.web.FileUploadForm;
import io.vaultdrop.web.FinishedUploadForm;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code /api/v1/capsules}: create (multipart), open and delete (JWE in a JSON body, never a URL).
 */
@RestController
@RequestMapping("/api/v1/capsules")
@Tag(
    name = "Capsules",
    description =
        "Files whose key travels with the client: the server keeps only ciphertext, the JWE holds"
            + " the name, the stored object and the file key.")
final class CapsuleApiController {

  private final CapsuleUploads uploads;
  private final CapsuleService capsules;
  private final CapsuleTokenBody tokens;

  CapsuleApiController(CapsuleUploads uploads, CapsuleService capsules, CapsuleTokenBody tokens) {
    this.uploads = uploads;
    this.capsules = capsules;
    this.tokens = tokens;
  }

  /** The answer to a new capsule. */
  @Schema(name = "Capsule")
  record Created(
      @Schema(
              description =
                  "Compact JWE (five dot-separated parts, enc A256GCM); the only way to the file.")
          String jwe) {
    @Override
    public String toString() {
      return "Capsule[<hidden>]";
    }
  }

  /** A capsule's token in a request body (never in a URL). */
  @Schema(name = "CapsuleToken")
  record Token(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String jwe) {
    @Override
    public String toString() {
      return "CapsuleToken[<hidden>]";
    }
  }

  @PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "createCapsule",
      summary = "Seal a file into a capsule",
      description =
          "Anonymous callers only while VAULTDROP_ANONYMOUS_UPLOADS allows (otherwise 401), within"
              + " the anonymous size limit.",
      requestBody =
          @RequestBody(
              required = true,
              content = {
                @Content(
                    mediaType = "multipart/form-data",
                    schema = @Schema(implementation = FileUploadForm.class)),
                @Content(
                    mediaType = "application/json",
                    schema = @Schema(implementation = FinishedUploadForm.class))
              }))
  @ApiContract(
      caller = Caller.ANYONE_OR_SIGNED_IN,
      problems = {
        ErrorCode.TOO_LARGE,
        ErrorCode.RATE_LIMITED,
        ErrorCode.NOT_FOUND,
        ErrorCode.UPLOAD_UNFINISHED
      })
  ResponseEntity<Created> create(
      HttpServletRequest request, @AuthenticationPrincipal CurrentUser me) throws IOException {
    return ResponseEntity.status(HttpStatus.CREATED).body(new Created(uploads.create(request, me)));
  }

  @PostMapping("/open")
  @Operation(
      operationId = "openCapsule",
      summary = "Download a capsule's file",
      requestBody =
          @RequestBody(
              required = true,
              content = @Content(schema = @Schema(implementation = Token.class))))
  @ApiContract(
      problems = {
        ErrorCode.INVALID_TOKEN,
        ErrorCode.NOT_FOUND,
        ErrorCode.RATE_LIMITED,
        ErrorCode.OBJECT_DAMAGED
      })
  ResponseEntity<StreamingResponseBody> open(HttpServletRequest request) throws IOException {
    uploads.countOpen(request);
    OpenedCapsule capsule = capsules.open(tokens.read(request));
    return FileDownloads.attachment(capsule.name(), capsule.size(), stream(capsule.content()));
  }

  @DeleteMapping
  @Operation(
      operationId = "deleteCapsule",
      summary = "Delete a capsule's file",
      requestBody =
          @RequestBody(
              required = true,
              content = @Content(schema = @Schema(implementation = Token.class))))
  @ApiResponse(responseCode = "204", description = "Deleted")
  @ApiContract(problems = {ErrorCode.INVALID_TOKEN, ErrorCode.NOT_FOUND, ErrorCode.RATE_LIMITED})
  ResponseEntity<Void> delete(HttpServletRequest request) throws IOException {
    uploads.countOpen(request);
    capsules.delete(tokens.read(request));
    return ResponseEntity.noContent().build();
  }

  static StreamingResponseBody stream(InputStream content) {
    return out -> {
      try (InputStream in = content) {
        ReadAheadCopy.copy(in, out);
      }
    };
  }
}
