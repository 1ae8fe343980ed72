package io.vaultdrop.vault.web;

import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.shares.ShareLinks;
import io.vaultdrop.vault.internal.VaultFile;
import io.vaultdrop.vault.internal.VaultService;
import io.vaultdrop.web.AnswersHead;
import io.vaultdrop.web.ProblemHeaders;
import io.vaultdrop.web.ProblemMessages;
import io.vaultdrop.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The vault dashboard ({@code /vault}, session + CSRF): the file list with usage, upload ({@code
 * upload.js}: JSON with {@code redirect}, or problem+json; a plain form post: a redirect or the
 * page with the problem), downloads, delete and share forms. Shares {@link VaultService} with the
 * API, so the same ownership rules apply.
 */
@Controller
final class VaultPageController {

  /** Expiry presets of the share form, in seconds (the share page's presets). */
  static final List<Long> EXPIRY_PRESETS =
      List.of(
          Duration.ofHours(1).toSeconds(),
          Duration.ofDays(1).toSeconds(),
          Duration.ofDays(3).toSeconds(),
          Duration.ofDays(7).toSeconds());

  private final VaultService vault;
  private final VaultUploadRequests uploads;
  private final ProblemResponses problems;
  private final ProblemMessages messages;

  VaultPageController(
      VaultService vault,
      VaultUploadRequests uploads,
      ProblemResponses problems,
      ProblemMessages messages) {
    this.messages = messages;
    this.vault = vault;
    this.uploads = uploads;
    this.problems = problems;
  }

  @GetMapping("/vault")
  String dashboard(@AuthenticationPrincipal CurrentUser me, Model model) {
    fill(me, model);
    return "vault/dashboard";
  }

  @PostMapping("/vault/files")
  @Nullable Object upload(
      @AuthenticationPrincipal CurrentUser me,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model)
      throws IOException {
    boolean json = wantsJson(request);
    VaultFile file;
    try {
      file = uploads.upload(me, request);
    } catch (DomainException e) {
      if (e.status() >= 500 || e.status() == HttpStatus.FORBIDDEN.value()) {
        throw e;
      }
      if (json) {
        problems.write(response, e);
        return null;
      }
      return page(me, model, e, response);
    }
    if (json) {
      return ResponseEntity.status(HttpStatus.CREATED)
          .contentType(MediaType.APPLICATION_JSON)
          .body(
              Map.of(
                  "id", file.id(),
                  "name", file.name(),
                  "size", file.size(),
                  "createdAt", file.createdAt(),
                  "redirect", "/vault?uploaded"));
    }
    return "redirect:/vault?uploaded";
  }

  @GetMapping("/vault/files/{id}/content")
  @AnswersHead
  @Nullable ResponseEntity<StreamingResponseBody> download(
      @AuthenticationPrincipal CurrentUser me,
      @PathVariable String id,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    return VaultDownloads.respond(vault.open(me, id), request, response);
  }

  @PostMapping("/vault/files/{id}/delete")
  String delete(@AuthenticationPrincipal CurrentUser me, @PathVariable String id) {
    vault.delete(me, id);
    return "redirect:/vault?deleted";
  }

  @PostMapping("/vault/files/{id}/share")
  Object share(
      @AuthenticationPrincipal CurrentUser me,
      @PathVariable String id,
      @RequestParam(required = false) @Nullable String expiresIn,
      @RequestParam(required = false) @Nullable String maxDownloads,
      @RequestParam(required = false) @Nullable String password,
      HttpServletResponse response,
      Model model)
      throws IOException {
    VaultService.requireVerified(me);
    ShareLinks.CreatedLink link;
    try {
      link = vault.share(me, id, ShareLinks.Options.fromForm(expiresIn, maxDownloads, password));
    } catch (DomainException e) {
      if (e.status() != HttpStatus.BAD_REQUEST.value()
          && e.status() != HttpStatus.TOO_MANY_REQUESTS.value()) {
        throw e;
      }
      return page(me, model, e, response);
    }
    model.addAttribute("link", SharedLinkView.of(link));
    return new ModelAndView("vault/shared", model.asMap(), HttpStatus.CREATED);
  }

  /** The dashboard again with the problem, its status and headers (Retry-After). */
  private ModelAndView page(
      CurrentUser me, Model model, DomainException e, HttpServletResponse response) {
    ProblemHeaders.of(e)
        .forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
    fill(me, model);
    model.addAttribute("problem", messages.text(e));
    return new ModelAndView("vault/dashboard", model.asMap(), HttpStatusCode.valueOf(e.status()));
  }

  private void fill(CurrentUser me, Model model) {
    model.addAttribute("files", vault.list(me));
    model.addAttribute("usage", vault.usage(me));
    model.addAttribute("presets", EXPIRY_PRESETS);
  }

  private static boolean wantsJson(HttpServletRequest request) {
    String accept = request.getHeader("Accept");
    return accept != null && accept.contains("application/json");
  }
}
