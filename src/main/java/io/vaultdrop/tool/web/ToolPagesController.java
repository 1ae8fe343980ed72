package io.vaultdrop.tool.web;

import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.ratelimit.RateLimitedException;
import io.vaultdrop.tool.internal.JobKind;
import io.vaultdrop.tool.internal.KeyMailer;
import io.vaultdrop.tool.internal.ToolDownloads;
import io.vaultdrop.tool.internal.ToolJob;
import io.vaultdrop.tool.internal.ToolService;
import io.vaultdrop.web.ProblemHeaders;
import io.vaultdrop.web.ProblemMessages;
import io.vaultdrop.web.ProblemResponses;
import io.vaultdrop.web.QrCodes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The tool's pages (session + CSRF). Uploads come from {@code upload.js} (XHR, {@code Accept:
 * application/json}: a JSON answer with {@code redirect}, or problem+json) or from a plain form
 * post (a redirect, or the form again with the problem). Downloads are same-origin GETs on this
 * chain, so they work with the session; they share {@link ToolService} and {@link ToolDownloads}
 * with the API.
 */
@Controller
class ToolPagesController {

  private final ToolService tool;
  private final ToolUploads uploads;
  private final ToolDownloads downloads;
  private final KeyMailer mailer;
  private final ProblemResponses problems;
  private final ProblemMessages messages;

  ToolPagesController(
      ToolService tool,
      ToolUploads uploads,
      ToolDownloads downloads,
      KeyMailer mailer,
      ProblemResponses problems,
      ProblemMessages messages) {
    this.problems = problems;
    this.messages = messages;
    this.tool = tool;
    this.uploads = uploads;
    this.downloads = downloads;
    this.mailer = mailer;
  }

  // ------------------------------------------------------------------ encrypt

  @GetMapping({"/encrypt", "/secure-encrypt"})
  String encryptForm(@AuthenticationPrincipal CurrentUser me, Model model) {
    addJobs(me, model);
    return "tool/encrypt";
  }

  @PostMapping({"/encrypt", "/secure-encrypt"})
  Object encrypt(
      @AuthenticationPrincipal CurrentUser me,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model)
      throws IOException {
    return created(
        "encrypt",
        () -> uploads.encrypt(me.id(), request),
        (job, page) -> EncryptionView.of(job, path -> path, "/encrypt", page),
        me,
        request,
        response,
        model);
  }

  @GetMapping("/encrypt/{id}")
  String encryptResult(
      @AuthenticationPrincipal CurrentUser me, @PathVariable String id, Model model) {
    ToolJob job = tool.find(me.id(), id, JobKind.ENCRYPT).orElseThrow(() -> new JobGone("encrypt"));
    model.addAttribute("job", JobView.of(job, tool.now()));
    model.addAttribute("qr", QrCodes.svg(downloads.keyText(job), job.keyFileName()));
    model.addAttribute("email", me.email());
    return "tool/encrypt-result";
  }

  @GetMapping("/encrypt/{id}/enc")
  ResponseEntity<StreamingResponseBody> enc(
      @AuthenticationPrincipal CurrentUser me,
      @PathVariable String id,
      @RequestParam(defaultValue = "false") boolean armor)
      throws IOException {
    return Downloads.response(orGone("encrypt", () -> downloads.encFile(me.id(), id, armor)));
  }

  @GetMapping("/encrypt/{id}/key")
  ResponseEntity<StreamingResponseBody> key(
      @AuthenticationPrincipal CurrentUser me, @PathVariable String id) throws IOException {
    return Downloads.response(orGone("encrypt", () -> downloads.keyFile(me.id(), id)));
  }

  @GetMapping("/encrypt/{id}/zip")
  ResponseEntity<StreamingResponseBody> zip(
      @AuthenticationPrincipal CurrentUser me, @PathVariable String id) throws IOException {
    return Downloads.response(orGone("encrypt", () -> downloads.zip(me.id(), id)));
  }

  @PostMapping("/encrypt/{id}/email")
  String emailKey(@AuthenticationPrincipal CurrentUser me, @PathVariable String id) {
    boolean sent;
    try {
      sent = mailer.sendKey(me.id(), me.email(), id);
    } catch (RateLimitedException e) {
      sent = false;
    }
    return "redirect:/encrypt/" + id + (sent ? "?mailed" : "?mailFailed");
  }

  @PostMapping("/encrypt/{id}/delete")
  String deleteEncryption(@AuthenticationPrincipal CurrentUser me, @PathVariable String id)
      throws IOException {
    tool.delete(me.id(), id);
    return "redirect:/encrypt?deleted";
  }

  /** An upload that makes a job. */
  @FunctionalInterface
  private interface Upload {
    ToolJob run() throws IOException;
  }

  /**
   * Runs an upload from a page: the job's page (redirect), its JSON view for script clients
   * (created), or the form again with the problem.
   */
  private Object created(
      String kind,
      Upload upload,
      BiFunction<ToolJob, String, Object> view,
      CurrentUser me,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model)
      throws IOException {
    ToolJob job;
    try {
      job = upload.run();
    } catch (DomainException e) {
      return problem(e, request, response, model, "tool/" + kind, me);
    }
    String page = "/" + kind + "/" + job.id();
    if (wantsJson(request)) {
      return ResponseEntity.status(HttpStatus.CREATED).body(view.apply(job, page));
    }
    return "redirect:" + page;
  }

  // ------------------------------------------------------------------ decrypt

  @GetMapping({"/decrypt", "/secure-decrypt"})
  String decryptForm(@AuthenticationPrincipal CurrentUser me, Model model) {
    addJobs(me, model);
    return "tool/decrypt";
  }

  @PostMapping({"/decrypt", "/secure-decrypt"})
  Object decrypt(
      @AuthenticationPrincipal CurrentUser me,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model)
      throws IOException {
    return created(
        "decrypt",
        () -> uploads.decrypt(me.id(), request),
        (job, page) -> DecryptionView.of(job, path -> path, "/decrypt", page),
        me,
        request,
        response,
        model);
  }

  @GetMapping("/decrypt/{id}")
  String decryptResult(
      @AuthenticationPrincipal CurrentUser me, @PathVariable String id, Model model) {
    ToolJob job = tool.find(me.id(), id, JobKind.DECRYPT).orElseThrow(() -> new JobGone("decrypt"));
    model.addAttribute("job", JobView.of(job, tool.now()));
    return "tool/decrypt-result";
  }

  @PostMapping("/decrypt/{id}/delete")
  String deleteDecryption(@AuthenticationPrincipal CurrentUser me, @PathVariable String id)
      throws IOException {
    tool.delete(me.id(), id);
    return "redirect:/decrypt?deleted";
  }

  @GetMapping("/decrypt/{id}/file")
  ResponseEntity<StreamingResponseBody> original(
      @AuthenticationPrincipal CurrentUser me, @PathVariable String id) throws IOException {
    return Downloads.response(orGone("decrypt", () -> downloads.original(me.id(), id)));
  }

  // ------------------------------------------------------------------ helpers

  /** A job page or download link of a job that is gone: the "job is gone" page, still a 404. */
  static final class JobGone extends RuntimeException {
    private final String kind;

    JobGone(String kind) {
      super(kind, null, false, false);
      this.kind = kind;
    }
  }

  @ExceptionHandler(JobGone.class)
  ModelAndView jobGone(JobGone gone) {
    ModelAndView page = new ModelAndView("tool/gone", HttpStatus.NOT_FOUND);
    page.addObject("kind", gone.kind);
    page.addObject("retentionMinutes", tool.retention().toMinutes());
    return page;
  }

  /** A download call that may find its job gone. */
  interface JobCall<T> {
    T run() throws IOException;
  }

  private static <T> T orGone(String kind, JobCall<T> call) throws IOException {
    try {
      return call.run();
    } catch (DomainException e) {
      if (e.status() == HttpStatus.NOT_FOUND.value()) {
        throw new JobGone(kind);
      }
      throw e;
    }
  }

  private void addJobs(CurrentUser me, Model model) {
    Instant now = tool.now();
    model.addAttribute(
        "jobs", tool.jobsOf(me.id()).stream().map(job -> JobView.of(job, now)).toList());
    model.addAttribute("retentionMinutes", tool.retention().toMinutes());
  }

  /**
   * An upload problem: problem+json for {@code upload.js}, otherwise the form again with the detail
   * and the problem's status.
   */
  private @Nullable Object problem(
      DomainException e,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      String view,
      CurrentUser me)
      throws IOException {
    if (e.status() >= 500) {
      throw e;
    }
    HttpStatusCode status = HttpStatusCode.valueOf(e.status());
    if (wantsJson(request)) {
      problems.write(response, e);
      return null;
    }
    ProblemHeaders.of(e)
        .forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
    addJobs(me, model);
    model.addAttribute("problem", messages.text(e));
    ModelAndView page = new ModelAndView(view, model.asMap(), status);
    return page;
  }

  private static boolean wantsJson(HttpServletRequest request) {
    String accept = request.getHeader("Accept");
    return accept != null && accept.contains("application/json");
  }
}
