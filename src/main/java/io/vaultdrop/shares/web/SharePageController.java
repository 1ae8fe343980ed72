package io.vaultdrop.shares.web;

import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.config.PublicLinks;
import io.vaultdrop.config.VaultdropProperties;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.shares.ShareLinks;
import io.vaultdrop.shares.internal.ShareService;
import io.vaultdrop.shares.internal.ShareTransfers;
import io.vaultdrop.web.ProblemResponses;
import io.vaultdrop.web.QrCodes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.ui.ModelMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Browser pages: the home page and the upload page ({@code /} and {@code /share}: the same drop
 * zone of files to share), the landing page of a link ({@code /s/{token}}, GET and HEAD never
 * consume), its download form post and the resumable {@code GET} it redirects to, revoking with the
 * revoke token, and the owner's list ({@code /shares/mine}).
 */
@Controller
final class SharePageController {

  /** Expiry presets offered on the upload page, in seconds. */
  static final List<Long> EXPIRY_PRESETS =
      List.of(
          Duration.ofHours(1).toSeconds(),
          Duration.ofDays(1).toSeconds(),
          Duration.ofDays(3).toSeconds(),
          Duration.ofDays(7).toSeconds());

  private final ShareService shares;
  private final ShareTransfers transfers;
  private final ShareRequests requests;
  private final PublicLinks links;
  private final ProblemResponses problems;
  private final boolean anonymousUploads;

  SharePageController(
      ShareService shares,
      ShareTransfers transfers,
      ShareRequests requests,
      PublicLinks links,
      ProblemResponses problems,
      VaultdropProperties properties) {
    this.shares = shares;
    this.transfers = transfers;
    this.requests = requests;
    this.links = links;
    this.problems = problems;
    this.anonymousUploads = properties.anonymousUploads();
  }

  /**
   * The home page is the action: a drop zone of files to share, with the other features below. A
   * visitor who may not share without an account is asked to sign in instead.
   */
  @GetMapping("/")
  String home(
      @AuthenticationPrincipal @Nullable CurrentUser me, HttpServletRequest request, Model model) {
    model.addAttribute("home", true);
    model.addAttribute("canShare", me != null || anonymousUploads);
    return uploadPage(request, model);
  }

  /**
   * The share form. It carries a CSRF token only when the visitor already has a session: reading
   * the token would create one, and a form posted without a session needs none ({@code
   * ShareSecurityRules}).
   */
  @GetMapping("/share")
  String uploadPage(HttpServletRequest request, Model model) {
    model.addAttribute("formWithToken", request.getSession(false) != null);
    model.addAttribute("presets", EXPIRY_PRESETS);
    model.addAttribute("maxFiles", requests.maxFiles());
    model.addAttribute("maxUploadSize", requests.maxUploadSize());
    return "shares/upload";
  }

  /**
   * The upload form: JSON for {@code upload.js} (problems as problem+json too), a rendered page for
   * a browser without JavaScript.
   */
  @PostMapping("/share")
  @Nullable Object upload(
      HttpServletRequest request,
      HttpServletResponse response,
      @AuthenticationPrincipal @Nullable CurrentUser me,
      Model model)
      throws IOException {
    boolean json = wantsJson(request);
    ShareLinks.CreatedLink created;
    try {
      created = requests.create(request, me);
    } catch (DomainException e) {
      if (json) {
        problems.write(response, e);
        return null;
      }
      throw e;
    }
    String qr = QrCodes.svg(created.url().toString(), "QR code");
    if (json) {
      return ResponseEntity.status(HttpStatus.CREATED)
          .contentType(MediaType.APPLICATION_JSON)
          .body(new CreatedOnPage(created, qr));
    }
    model.addAttribute("share", created);
    model.addAttribute("qr", qr);
    return new ModelAndView("shares/created", model.asMap(), HttpStatus.CREATED);
  }

  /**
   * What the page's script shows once a share is created: the API's answer ({@code link}) and its
   * QR code as an SVG element, drawn by the server so the page needs no QR library.
   */
  record CreatedOnPage(ShareLinks.CreatedLink link, String qr) {
    @Override
    public String toString() {
      return "CreatedOnPage[secret]";
    }
  }

  /**
   * Revokes a link with its revoke token (the form on the result page; the token is the credential,
   * as for {@code DELETE /api/v1/shares/{token}}), then shows the link's landing page, which now
   * says it was revoked.
   */
  @PostMapping("/s/{token}/revoke")
  String revokeWithToken(
      @PathVariable String token,
      @RequestParam(name = "revokeToken", required = false) @Nullable String revokeToken,
      @AuthenticationPrincipal @Nullable CurrentUser me)
      throws IOException {
    shares.revoke(token, revokeToken, me == null ? null : me.id());
    return "redirect:/s/" + token;
  }

  @GetMapping("/s/{token}")
  String landing(
      @PathVariable String token,
      HttpServletRequest request,
      HttpServletResponse response,
      ModelMap model) {
    if (requests.blockNonBrowserAgents()
        && !ShareRequests.looksLikeBrowser(request.getHeader(HttpHeaders.USER_AGENT))) {
      throw new DomainException(ErrorCode.NOT_ACCEPTABLE, "problem.share.browser-only");
    }
    requests.limitRead(request);
    response.setHeader("X-Robots-Tag", "noindex, nofollow");
    return landingPage(token, model, response);
  }

  /**
   * The landing page in the link's state: the share (200), or why it ended (410 Gone). A link that
   * never existed throws 404, the generic error page.
   */
  private String landingPage(String token, ModelMap model, HttpServletResponse response) {
    switch (shares.look(token)) {
      case ShareService.Landing.Available available -> fillLanding(model, token, available.share());
      case ShareService.Landing.Ended ended -> {
        model.addAttribute("ended", ended.reason().code());
        model.addAttribute("endedAt", ended.endedAt());
        response.setStatus(HttpStatus.GONE.value());
        return "shares/ended";
      }
    }
    return "shares/landing";
  }

  /**
   * The download button: claims the download, then answers {@code 303 See Other} to the {@code GET}
   * that serves it ({@link #claimed}), which a browser's download manager can resume. A share with
   * a password (the {@code GET} cannot carry it), or with resuming off, is sent at once as before.
   * On a link that ended meanwhile (used up by someone else, expired, locked by the fifth wrong
   * password) the page saying so.
   */
  @PostMapping("/s/{token}/download")
  ResponseEntity<StreamingResponseBody> download(
      @PathVariable String token,
      @RequestParam(name = "password", required = false) @Nullable String password,
      @RequestParam(name = "file", required = false) @Nullable String file,
      HttpServletRequest request)
      throws IOException {
    requests.limitDownload(request);
    ShareTransfers.Download download;
    try {
      download = ShareDownloads.claim(transfers, token, password, file);
    } catch (DomainException e) {
      Object left = e.properties().get("attemptsLeft");
      boolean unauthorized = e.status() == HttpStatus.UNAUTHORIZED.value();
      boolean locked = unauthorized && left instanceof Integer n && n <= 0;
      if (locked || e.status() == HttpStatus.NOT_FOUND.value()) {
        shares.look(token); // throws the generic 404 for a link that never existed
        throw new LandingProblem(token, null, null);
      }
      if (!unauthorized) {
        throw e;
      }
      throw new LandingProblem(token, e.code(), left);
    }
    if (!download.canHandOver()) {
      return ShareDownloads.respond(download);
    }
    Integer index = ShareDownloads.fileIndex(file);
    String location =
        "/s/" + token + "/resume/" + download.handOver() + (index == null ? "" : "?file=" + index);
    return ResponseEntity.status(HttpStatus.SEE_OTHER)
        .location(URI.create(location))
        .cacheControl(CacheControl.noStore())
        .build();
  }

  /**
   * Serves a download claimed by the form post above. The resume token in the path is the
   * capability: only the claimant got it (in the {@code 303}), it serves only its own claim (the
   * zip, or file {@code ?file=N}), for {@code VAULTDROP_SHARES_RESUME_GRACE}, and completing the
   * transfer spends it. A {@code GET} never claims: it is {@link ShareTransfers#resume}, so it
   * counts nothing, whoever sends it. It answers with a strong {@code ETag} and honours {@code
   * Range: bytes=N-} (and {@code If-Range}: another tag sends the whole file). A token that does
   * not serve (wrong, expired, spent) is the generic 404, or the link's ended page (410).
   */
  @GetMapping("/s/{token}/resume/{resumeToken}")
  ResponseEntity<StreamingResponseBody> claimed(
      @PathVariable String token,
      @PathVariable String resumeToken,
      @RequestParam(name = "file", required = false) @Nullable String file,
      @RequestHeader(name = HttpHeaders.RANGE, required = false) @Nullable String range,
      @RequestHeader(name = HttpHeaders.IF_RANGE, required = false) @Nullable String ifRange,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    requests.limitDownload(request);
    Integer index = ShareDownloads.fileIndex(file);
    String etag = ShareDownloads.etag(resumeToken);
    long offset = ifRange == null || ifRange.equals(etag) ? ShareDownloads.rangeStart(range) : 0;
    response.setHeader("X-Robots-Tag", "noindex, nofollow");
    try {
      return ShareDownloads.respond(
          transfers.resume(token, null, resumeToken, offset, index), etag);
    } catch (DomainException e) {
      int status = e.status();
      if (status != HttpStatus.NOT_FOUND.value() && status != HttpStatus.UNAUTHORIZED.value()) {
        throw e;
      }
      if (shares.look(token) instanceof ShareService.Landing.Ended) {
        throw new LandingProblem(token, null, null);
      }
      throw DomainException.notFound();
    }
  }

  /**
   * {@code HEAD} of a claimed download is refused: answering it would take a use of the token (and
   * the framework would serve it as a {@code GET} that reads the whole file).
   */
  @RequestMapping(path = "/s/{token}/resume/{resumeToken}", method = RequestMethod.HEAD)
  ResponseEntity<Void> claimedHead() {
    return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).allow(HttpMethod.GET).build();
  }

  /**
   * A failed download answered with the landing page again: with a password problem (401), or in
   * the link's new state when it ended meanwhile ({@code code} null).
   */
  static final class LandingProblem extends RuntimeException {
    private final String token;
    private final @Nullable String code;
    private final @Nullable Object attemptsLeft;

    LandingProblem(String token, @Nullable String code, @Nullable Object attemptsLeft) {
      super(code, null, false, false);
      this.token = token;
      this.code = code;
      this.attemptsLeft = attemptsLeft;
    }
  }

  @ExceptionHandler(LandingProblem.class)
  ModelAndView landingProblem(LandingProblem problem, HttpServletResponse response) {
    ModelMap model = new ModelMap();
    if (problem.code != null) {
      response.setStatus(HttpStatus.UNAUTHORIZED.value());
    }
    String view = landingPage(problem.token, model, response);
    model.addAttribute("passwordError", problem.code);
    model.addAttribute("attemptsLeft", problem.attemptsLeft);
    return new ModelAndView(view, model);
  }

  @GetMapping("/shares/mine")
  String mine(@AuthenticationPrincipal CurrentUser me, Model model) {
    model.addAttribute("shares", shares.listOwnedBy(me.id()));
    return "shares/mine";
  }

  @PostMapping("/shares/mine/{id}/revoke")
  String revoke(@PathVariable String id, @AuthenticationPrincipal CurrentUser me)
      throws IOException {
    shares.revoke(id, null, me.id());
    return "redirect:/shares/mine?revoked";
  }

  private void fillLanding(ModelMap model, String token, ShareService.ShareView view) {
    URI link = links.link("/s/" + token);
    model.addAttribute("share", view);
    model.addAttribute("token", token);
    model.addAttribute("link", link);
    model.addAttribute("qr", QrCodes.svg(link.toString(), "QR code"));
  }

  private static boolean wantsJson(HttpServletRequest request) {
    String accept = request.getHeader(HttpHeaders.ACCEPT);
    return accept != null && accept.contains("application/json");
  }
}
