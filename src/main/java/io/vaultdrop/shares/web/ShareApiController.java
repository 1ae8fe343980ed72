package io.vaultdrop.shares.web;

import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.shares.ShareLinks;
import io.vaultdrop.shares.internal.ShareService;
import io.vaultdrop.shares.internal.ShareTransfers;
import io.vaultdrop.web.JsonBodies;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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

  record Metadata(
      String name,
      long size,
      List<ShareLinks.SharedFile> files,
      Instant expiresAt,
      int downloadsLeft,
      boolean passwordRequired) {}

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
  ShareLinks.CreatedLink create(
      HttpServletRequest request, @AuthenticationPrincipal @Nullable CurrentUser me)
      throws IOException {
    return requests.create(request, me);
  }

  @GetMapping
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
   * Vaultdrop-Resume-Token} (from an earlier response of a one-file share) and {@code Range:
   * bytes=N-}, continues that aborted transfer from byte N instead ({@code 206}), without claiming
   * another download.
   */
  @PostMapping("/{token}/download")
  ResponseEntity<StreamingResponseBody> download(
      @PathVariable String token,
      @RequestParam(name = "file", required = false) @Nullable String file,
      @RequestHeader(name = ShareDownloads.RESUME_TOKEN_HEADER, required = false)
          @Nullable String resumeToken,
      @RequestHeader(name = HttpHeaders.RANGE, required = false) @Nullable String range,
      HttpServletRequest request)
      throws IOException {
    requests.limitDownload(request);
    String password = password(request);
    if (resumeToken == null) {
      // A Range without a resume token is ignored (RFC 9110 allows it): a fresh claim sends all.
      return ShareDownloads.respond(ShareDownloads.claim(transfers, token, password, file));
    }
    long offset = ShareDownloads.rangeStart(range);
    return ShareDownloads.respond(transfers.resume(token, password, resumeToken, offset));
  }

  @DeleteMapping("/{token}")
  ResponseEntity<Void> revoke(
      @PathVariable String token,
      @RequestHeader(name = "Revoke-Token", required = false) @Nullable String revokeToken,
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
