package io.vaultdrop.capsules.web;

import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.capsules.internal.CapsuleService;
import io.vaultdrop.capsules.internal.OpenedCapsule;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.web.FileDownloads;
import io.vaultdrop.web.ProblemHeaders;
import io.vaultdrop.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The {@code /capsules} page: create a capsule by uploading (JSON for {@code upload.js}, a rendered
 * page without JavaScript), and open or delete one by pasting its JWE into a POST form.
 */
@Controller
final class CapsulePageController {

  private static final String VIEW = "capsules/capsules";

  private final CapsuleUploads uploads;
  private final CapsuleService capsules;
  private final ProblemResponses problems;

  CapsulePageController(
      CapsuleUploads uploads, CapsuleService capsules, ProblemResponses problems) {
    this.problems = problems;
    this.uploads = uploads;
    this.capsules = capsules;
  }

  @GetMapping("/capsules")
  String page(@AuthenticationPrincipal CurrentUser me, Model model) {
    model.addAttribute("mayCreate", uploads.mayCreate(me));
    return VIEW;
  }

  @PostMapping(value = "/capsules", headers = "Accept=application/json")
  @Nullable ResponseEntity<Map<String, Object>> createJson(
      HttpServletRequest request,
      HttpServletResponse response,
      @AuthenticationPrincipal CurrentUser me)
      throws IOException {
    try {
      return ResponseEntity.status(HttpStatus.CREATED)
          .contentType(MediaType.APPLICATION_JSON)
          .body(Map.of("jwe", uploads.create(request, me)));
    } catch (DomainException e) {
      problems.write(response, e);
      return null;
    }
  }

  @PostMapping("/capsules")
  String create(
      HttpServletRequest request,
      HttpServletResponse response,
      @AuthenticationPrincipal CurrentUser me,
      Model model)
      throws IOException {
    model.addAttribute("mayCreate", uploads.mayCreate(me));
    try {
      model.addAttribute("jwe", uploads.create(request, me));
      response.setStatus(HttpStatus.CREATED.value());
    } catch (DomainException e) {
      model.addAttribute("error", failed(e, response));
    }
    return VIEW;
  }

  @PostMapping("/capsules/open")
  ResponseEntity<StreamingResponseBody> open(
      @RequestParam(name = "jwe", defaultValue = "") String jwe, HttpServletRequest request)
      throws IOException {
    uploads.countOpen(request);
    OpenedCapsule capsule = capsules.open(jwe.strip());
    return FileDownloads.attachment(
        capsule.name(), capsule.size(), CapsuleApiController.stream(capsule.content()));
  }

  /** A failed open answers with this page and the error, not the generic error page. */
  @ExceptionHandler(DomainException.class)
  ModelAndView openFailed(DomainException e, HttpServletResponse response, Principal principal) {
    ModelAndView page = new ModelAndView(VIEW);
    page.addObject("mayCreate", principal != null || uploads.mayCreate(null));
    page.addObject("error", failed(e, response));
    page.setStatus(HttpStatusCode.valueOf(e.status()));
    return page;
  }

  @PostMapping("/capsules/delete")
  String delete(
      @RequestParam(name = "jwe", defaultValue = "") String jwe,
      HttpServletRequest request,
      HttpServletResponse response,
      @AuthenticationPrincipal CurrentUser me,
      Model model)
      throws IOException {
    model.addAttribute("mayCreate", uploads.mayCreate(me));
    try {
      uploads.countOpen(request);
      capsules.delete(jwe.strip());
      model.addAttribute("deleted", true);
    } catch (DomainException e) {
      model.addAttribute("error", failed(e, response));
    }
    return VIEW;
  }

  /** Sets the failure's status and headers; returns its code for the page's message. */
  private static String failed(DomainException e, HttpServletResponse response) {
    response.setStatus(e.status());
    ProblemHeaders.of(e)
        .forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
    return e.code();
  }
}
