package io.vaultdrop.capsules.web;

import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.capsules.internal.CapsuleService;
import io.vaultdrop.capsules.internal.OpenedCapsule;
import io.vaultdrop.web.ApiException;
import io.vaultdrop.web.FileDownloads;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The {@code /capsules} page: create a capsule by uploading (JSON for {@code upload.js}, a rendered
 * page without JavaScript), and open or delete one by pasting its JWE into a POST form.
 */
@Controller
final class CapsulePageController {

  private static final String VIEW = "capsules/capsules";

  private final CapsuleUploads uploads;
  private final CapsuleService capsules;

  CapsulePageController(CapsuleUploads uploads, CapsuleService capsules) {
    this.uploads = uploads;
    this.capsules = capsules;
  }

  @GetMapping("/capsules")
  String page(@AuthenticationPrincipal CurrentUser me, Model model) {
    model.addAttribute("mayCreate", uploads.mayCreate(me));
    return VIEW;
  }

  @PostMapping(value = "/capsules", headers = "Accept=application/json")
  ResponseEntity<Map<String, Object>> createJson(
      HttpServletRequest request, @AuthenticationPrincipal CurrentUser me) throws IOException {
    try {
      return ResponseEntity.status(HttpStatus.CREATED)
          .contentType(MediaType.APPLICATION_JSON)
          .body(Map.of("jwe", uploads.create(request, me)));
    } catch (ApiException e) {
      Map<String, Object> problem = new LinkedHashMap<>();
      problem.put("status", e.status().value());
      problem.put("code", e.code());
      problem.put("title", e.title());
      if (e.detail() != null) {
        problem.put("detail", e.detail());
      }
      HttpHeaders headers = e.headers();
      headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
      return ResponseEntity.status(e.status()).headers(headers).body(problem);
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
    } catch (ApiException e) {
      failed(e, response, model);
    }
    return VIEW;
  }

  @PostMapping("/capsules/open")
  Object open(
      @RequestParam(name = "jwe", defaultValue = "") String jwe,
      HttpServletRequest request,
      HttpServletResponse response,
      @AuthenticationPrincipal CurrentUser me,
      Model model)
      throws IOException {
    try {
      uploads.countOpen(request);
      OpenedCapsule capsule = capsules.open(jwe.strip());
      return FileDownloads.attachment(
          capsule.name(), capsule.size(), CapsuleApiController.stream(capsule.content()));
    } catch (ApiException e) {
      model.addAttribute("mayCreate", uploads.mayCreate(me));
      failed(e, response, model);
      return VIEW;
    }
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
    } catch (ApiException e) {
      failed(e, response, model);
    }
    return VIEW;
  }

  private static void failed(ApiException e, HttpServletResponse response, Model model) {
    response.setStatus(e.status().value());
    e.headers().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
    model.addAttribute("error", e.code());
  }
}
