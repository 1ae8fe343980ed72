package io.vaultdrop.library.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.config.PublicLinks;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.library.internal.LibraryDownload;
import io.vaultdrop.library.internal.LibraryDownloads;
import io.vaultdrop.library.internal.LibraryService;
import io.vaultdrop.library.internal.LibrarySubscriptions;
import io.vaultdrop.objects.ReadAheadCopy;
import io.vaultdrop.ratelimit.ClientAddresses;
import io.vaultdrop.web.AnswersHead;
import io.vaultdrop.web.ApiContract;
import io.vaultdrop.web.ApiContract.Caller;
import io.vaultdrop.web.FileDownloads;
import io.vaultdrop.web.FileUploadForm;
import io.vaultdrop.web.FinishedUploadForm;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** The library API ({@code /api/v1/library}); see {@code API.md} "Library" and docs/library.md. */
@RestController
@RequestMapping(LibraryApiController.BASE)
@Tag(
    name = "Library",
    description =
        "Office documents published by operators and administrators, downloaded by verified"
            + " users through short-lived links bound to them.")
@ApiContract(caller = Caller.SIGNED_IN, problems = ErrorCode.EMAIL_NOT_VERIFIED)
class LibraryApiController {

  static final String BASE = "/api/v1/library";

  private final LibraryService library;
  private final LibraryUploads uploads;
  private final LibraryDownloads downloads;
  private final LibrarySubscriptions subscriptions;
  private final PublicLinks links;
  private final ClientAddresses addresses;

  LibraryApiController(
      LibraryService library,
      LibraryUploads uploads,
      LibraryDownloads downloads,
      LibrarySubscriptions subscriptions,
      PublicLinks links,
      ClientAddresses addresses) {
    this.library = library;
    this.uploads = uploads;
    this.downloads = downloads;
    this.subscriptions = subscriptions;
    this.links = links;
    this.addresses = addresses;
  }

  /** The download link answer of seed 004, plus when it expires. */
  @Schema(name = "LibraryDownloadLink")
  record DownloadLink(
      @JsonProperty("download-link") URI downloadLink, String message, Instant expiresAt) {
    @Override
    public String toString() {
      return "DownloadLink[expiresAt=" + expiresAt + "]";
    }
  }

  @Schema(name = "LibrarySubscription")
  record Subscription(boolean subscribed) {}

  @Schema(name = "LibraryDownloadRecord")
  record DownloadRecord(String userId, String email, Instant downloadedAt, int revision) {
    static DownloadRecord of(LibraryDownload d) {
      return new DownloadRecord(d.userId(), d.userEmail(), d.downloadedAt(), d.revision());
    }
  }

  @Operation(
      operationId = "publishDocument",
      summary = "Publish a document (operators, administrators)",
      description =
          "multipart/form-data with the file in part `file`. Only .docx, .xlsx and .pptx whose"
              + " content really is that Office Open XML package (not macro-enabled, no external"
              + " relationships, no ActiveX or OLE objects, within the zip caps); otherwise 415"
              + " `unsupported_file_type` with the reason in `detail`. The kinds each role may"
              + " publish are configurable. Subscribers get an e-mail.",
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
      problems = {
        ErrorCode.FORBIDDEN,
        ErrorCode.UNSUPPORTED_FILE_TYPE,
        ErrorCode.TOO_LARGE,
        ErrorCode.NOT_FOUND,
        ErrorCode.UPLOAD_UNFINISHED
      })
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  DocumentView publish(@AuthenticationPrincipal CurrentUser me, HttpServletRequest request)
      throws IOException {
    return DocumentView.of(uploads.publish(me, request, addresses.of(request)));
  }

  @Operation(operationId = "listDocuments", summary = "List the documents, newest first")
  @GetMapping
  List<DocumentView> list(@AuthenticationPrincipal CurrentUser me) {
    return library.list(me).stream().map(DocumentView::of).toList();
  }

  @Operation(operationId = "getDocument", summary = "One document")
  @ApiContract(problems = ErrorCode.NOT_FOUND)
  @GetMapping("/{id}")
  DocumentView get(@AuthenticationPrincipal CurrentUser me, @PathVariable String id) {
    return DocumentView.of(library.get(me, id));
  }

  @Operation(
      operationId = "replaceDocument",
      summary = "Replace a document's content (operators, administrators)",
      description =
          "multipart `file`, same rules as publishing. The id stays; name, kind, size and"
              + " revision change; links to the old revision stop working.",
      requestBody =
          @RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = "multipart/form-data",
                      schema = @Schema(implementation = FileUploadForm.class))))
  @ApiContract(
      problems = {
        ErrorCode.FORBIDDEN,
        ErrorCode.NOT_FOUND,
        ErrorCode.CONFLICT,
        ErrorCode.UNSUPPORTED_FILE_TYPE,
        ErrorCode.TOO_LARGE
      })
  @PutMapping("/{id}")
  DocumentView replace(
      @AuthenticationPrincipal CurrentUser me, @PathVariable String id, HttpServletRequest request)
      throws IOException {
    return DocumentView.of(uploads.replace(me, id, request, addresses.of(request)));
  }

  @Operation(
      operationId = "removeDocument",
      summary = "Remove a document and its download history (operators, administrators)")
  @ApiResponse(responseCode = "204", description = "Removed")
  @ApiContract(problems = {ErrorCode.FORBIDDEN, ErrorCode.NOT_FOUND})
  @DeleteMapping("/{id}")
  ResponseEntity<Void> remove(
      @AuthenticationPrincipal CurrentUser me,
      @PathVariable String id,
      HttpServletRequest request) {
    library.remove(me, id, addresses.of(request));
    return ResponseEntity.noContent().build();
  }

  @ApiContract(problems = ErrorCode.NOT_FOUND)
  @Operation(
      operationId = "createDownloadLink",
      summary = "Create a download link for the caller",
      description =
          "Answers {\"download-link\": \"<absolute URL>\", \"message\": \"success\", \"expiresAt\"}."
              + " The link is an opaque encrypted token bound to the caller and to this revision of"
              + " the document, valid for vaultdrop.library.link-lifetime (default 10 minutes).")
  @PostMapping("/{id}/download-link")
  DownloadLink createLink(@AuthenticationPrincipal CurrentUser me, @PathVariable String id) {
    LibraryDownloads.IssuedLink link = downloads.createLink(me, id);
    return new DownloadLink(downloadLink(links, link.token()), "success", link.expiresAt());
  }

  @ApiContract(problems = ErrorCode.NOT_FOUND)
  @Operation(
      operationId = "downloadDocument",
      summary = "Download through a link (the link's own user: bearer token or browser session)",
      description =
          "401 without authentication; 404 for another user's link, an expired or tampered one,"
              + " and once the document was replaced or removed.")
  @GetMapping("/downloads/{token}")
  @AnswersHead
  ResponseEntity<StreamingResponseBody> download(
      @AuthenticationPrincipal @Nullable CurrentUser me,
      @PathVariable String token,
      HttpServletRequest request)
      throws IOException {
    if (HttpMethod.HEAD.matches(request.getMethod())) {
      // The headers only: nothing is opened, decrypted, sent or recorded as a download.
      LibraryDownloads.Headers headers = downloads.head(me, token);
      return ResponseEntity.ok()
          .headers(FileDownloads.headers(headers.fileName(), headers.length()))
          .build();
    }
    // Opened before the response starts: a storage outage is a 503, a replaced document a 404.
    LibraryDownloads.Download download = downloads.download(me, token);
    return FileDownloads.attachment(
        download.fileName(),
        download.length(),
        out -> {
          try (download) {
            ReadAheadCopy.copy(download.content(), out);
          }
          out.flush();
          download.completed();
        });
  }

  @Operation(
      operationId = "documentDownloads",
      summary = "Who downloaded a document, newest first (operators, administrators)")
  @ApiContract(problems = {ErrorCode.FORBIDDEN, ErrorCode.NOT_FOUND})
  @GetMapping("/{id}/downloads")
  List<DownloadRecord> history(@AuthenticationPrincipal CurrentUser me, @PathVariable String id) {
    return downloads.history(me, id).stream().map(DownloadRecord::of).toList();
  }

  @Operation(
      operationId = "getSubscription",
      summary = "Whether the caller gets an e-mail about each new document")
  @GetMapping("/subscription")
  Subscription subscription(@AuthenticationPrincipal CurrentUser me) {
    return new Subscription(subscriptions.isSubscribed(me));
  }

  @Operation(operationId = "subscribe", summary = "Opt in to an e-mail about each new document")
  @ApiResponse(responseCode = "204", description = "Subscribed")
  @PutMapping("/subscription")
  ResponseEntity<Void> subscribe(@AuthenticationPrincipal CurrentUser me) {
    subscriptions.subscribe(me);
    return ResponseEntity.noContent().build();
  }

  @Operation(operationId = "unsubscribe", summary = "Opt out of the new-document e-mails")
  @ApiResponse(responseCode = "204", description = "Unsubscribed")
  @DeleteMapping("/subscription")
  ResponseEntity<Void> unsubscribe(@AuthenticationPrincipal CurrentUser me) {
    subscriptions.unsubscribe(me);
    return ResponseEntity.noContent().build();
  }

  /** The absolute download link of {@code token}, for the pages. */
  static URI downloadLink(PublicLinks links, String token) {
    return links.link(BASE + "/downloads/" + token);
  }
}
