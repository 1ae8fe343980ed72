package io.vaultdrop.capsules.web;

import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.capsules.internal.CapsuleService;
import io.vaultdrop.capsules.internal.OpenedCapsule;
import io.vaultdrop.objects.ReadAheadCopy;
import io.vaultdrop.web.FileDownloads;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
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
final class CapsuleApiController {

  private final CapsuleUploads uploads;
  private final CapsuleService capsules;
  private final CapsuleTokenBody tokens;

  CapsuleApiController(CapsuleUploads uploads, CapsuleService capsules, CapsuleTokenBody tokens) {
    this.uploads = uploads;
    this.capsules = capsules;
    this.tokens = tokens;
  }

  @PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, String>> create(
      HttpServletRequest request, @AuthenticationPrincipal CurrentUser me) throws IOException {
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(Map.of("jwe", uploads.create(request, me)));
  }

  @PostMapping("/open")
  ResponseEntity<StreamingResponseBody> open(HttpServletRequest request) throws IOException {
    uploads.countOpen(request);
    OpenedCapsule capsule = capsules.open(tokens.read(request));
    return FileDownloads.attachment(capsule.name(), capsule.size(), stream(capsule.content()));
  }

  @DeleteMapping
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
