package io.vaultdrop.library.web;

import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.library.internal.LibraryDocument;
import io.vaultdrop.library.internal.LibraryDownloads;
import io.vaultdrop.library.internal.LibraryService;
import io.vaultdrop.library.internal.LibrarySubscriptions;
import io.vaultdrop.ratelimit.ClientAddresses;
import io.vaultdrop.web.ProblemHeaders;
import io.vaultdrop.web.ProblemMessages;
import io.vaultdrop.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The library page ({@code /library}, session + CSRF): every verified user sees the documents,
 * downloads them and opts in to mails; operators and administrators also publish (upload.js with
 * drag and drop and progress, or a plain form post), replace and remove documents and read who
 * downloaded what ({@code /library/{id}/downloads}).
 *
 * <p>"Download" is a form POST that creates a link for the signed-in user and answers {@code 303}
 * to it (a same-origin path): the browser then fetches the link with its session, which the API
 * chain accepts for that GET only.
 */
@Controller
class LibraryPagesController {

  private final LibraryService library;
  private final LibraryUploads uploads;
  private final LibraryDownloads downloads;
  private final LibrarySubscriptions subscriptions;
  private final ClientAddresses addresses;
  private final ProblemResponses problems;
  private final ProblemMessages messages;

  LibraryPagesController(
      LibraryService library,
      LibraryUploads uploads,
      LibraryDownloads downloads,
      LibrarySubscriptions subscriptions,
      ClientAddresses addresses,
      ProblemResponses problems,
      ProblemMessages messages) {
    this.messages = messages;
    this.library = library;
    this.uploads = uploads;
    this.downloads = downloads;
    this.subscriptions = subscriptions;
    this.addresses = addresses;
    this.problems = problems;
  }

  @GetMapping("/library")
  String page(@AuthenticationPrincipal CurrentUser me, Model model) {
    addPage(me, model);
    return "library/library";
  }

  @PostMapping("/library/{id}/download")
  ResponseEntity<Void> download(@AuthenticationPrincipal CurrentUser me, @PathVariable String id) {
    LibraryDownloads.IssuedLink link = downloads.createLink(me, id);
    return ResponseEntity.status(HttpStatus.SEE_OTHER)
        .location(URI.create(LibraryApiController.BASE + "/downloads/" + link.token()))
        .build();
  }

  @PostMapping("/library/subscription")
  String subscription(
      @AuthenticationPrincipal CurrentUser me,
      @RequestParam(name = "subscribed", required = false) String subscribed) {
    if (subscribed != null) {
      subscriptions.subscribe(me);
      return "redirect:/library?subscribed";
    }
    subscriptions.unsubscribe(me);
    return "redirect:/library?unsubscribed";
  }

  @PostMapping("/library")
  @Nullable Object publish(
      @AuthenticationPrincipal CurrentUser me,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model)
      throws IOException {
    try {
      uploads.publish(me, request, addresses.of(request));
    } catch (DomainException e) {
      return problem(e, request, response, model, me);
    }
    return done(request, "/library?published");
  }

  @PostMapping("/library/{id}/replace")
  @Nullable Object replace(
      @AuthenticationPrincipal CurrentUser me,
      @PathVariable String id,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model)
      throws IOException {
    try {
      uploads.replace(me, id, request, addresses.of(request));
    } catch (DomainException e) {
      return problem(e, request, response, model, me);
    }
    return done(request, "/library?replaced");
  }

  @PostMapping("/library/{id}/delete")
  String delete(
      @AuthenticationPrincipal CurrentUser me,
      @PathVariable String id,
      HttpServletRequest request) {
    library.remove(me, id, addresses.of(request));
    return "redirect:/library?deleted";
  }

  @GetMapping("/library/{id}/downloads")
  String history(@AuthenticationPrincipal CurrentUser me, @PathVariable String id, Model model) {
    LibraryDocument document = library.get(me, id);
    model.addAttribute("document", DocumentRow.of(document));
    model.addAttribute("downloads", downloads.history(me, id));
    return "library/downloads";
  }

  // ------------------------------------------------------------------ helpers

  private void addPage(CurrentUser me, Model model) {
    model.addAttribute("documents", library.list(me).stream().map(DocumentRow::of).toList());
    model.addAttribute("subscribed", subscriptions.isSubscribed(me));
    model.addAttribute("canManage", library.canManage(me));
    String accept =
        library.publishableKinds(me).stream()
            .sorted()
            .map(kind -> "." + kind.extension())
            .collect(Collectors.joining(","));
    model.addAttribute("accept", accept);
    model.addAttribute("canPublish", !accept.isEmpty());
    model.addAttribute("linkMinutes", Math.max(1, downloads.linkLifetime().toMinutes()));
  }

  private static Object done(HttpServletRequest request, String page) {
    if (wantsJson(request)) {
      return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("redirect", page));
    }
    return "redirect:" + page;
  }

  /**
   * An upload problem: problem+json for {@code upload.js}, otherwise the page again with the detail
   * and the problem's status.
   */
  private @Nullable Object problem(
      DomainException e,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      CurrentUser me)
      throws IOException {
    if (e.status() >= 500 || e.status() == HttpStatus.NOT_FOUND.value()) {
      throw e;
    }
    if (wantsJson(request)) {
      problems.write(response, e);
      return null;
    }
    ProblemHeaders.of(e)
        .forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
    addPage(me, model);
    model.addAttribute("problem", messages.text(e));
    return new ModelAndView("library/library", model.asMap(), HttpStatusCode.valueOf(e.status()));
  }

  private static boolean wantsJson(HttpServletRequest request) {
    String accept = request.getHeader("Accept");
    return accept != null && accept.contains("application/json");
  }
}
