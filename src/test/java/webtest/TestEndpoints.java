package webtest;

import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.ratelimit.RateLimitedException;
import io.vaultdrop.web.FileDownloads;
import io.vaultdrop.web.MultipartHandler;
import io.vaultdrop.web.MultipartResult;
import io.vaultdrop.web.StreamingMultipart;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Endpoints that exist only in tests, to drive the web foundation from the outside. They live
 * outside {@code io.vaultdrop} so that component scanning never finds them: only tests that import
 * this configuration get them (importing registers the nested controller).
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(TestEndpointRules.class)
public class TestEndpoints {

  public static final String INTERNAL_SECRET = "internal-detail-/etc/vaultdrop/master.key";

  /** Path of a test endpoint that no {@code SecurityRules} lists: the API chain must refuse it. */
  public static final String UNLISTED_ENDPOINT = "/api/unlisted/probe";

  @Bean
  UploadProbe uploadProbe() {
    return new UploadProbe();
  }

  public record Greeting(@NotBlank @Size(max = 20) String name, @Max(10) int count) {}

  public record UploadReport(
      String sha256,
      long size,
      String fileName,
      String contentType,
      Map<String, List<String>> before,
      Map<String, List<String>> all) {}

  @RestController
  static final class Probe {

    private final StreamingMultipart multipart;
    private final UploadProbe uploadProbe;

    Probe(StreamingMultipart multipart, UploadProbe uploadProbe) {
      this.multipart = multipart;
      this.uploadProbe = uploadProbe;
    }

    @PostMapping("/api/test/json")
    Greeting json(@Valid @RequestBody Greeting greeting) {
      return greeting;
    }

    @GetMapping(UNLISTED_ENDPOINT)
    String unlisted() {
      return "reachable although no feature allowed it";
    }

    @GetMapping("/api/test/boom")
    String boom() {
      throw new IllegalStateException(INTERNAL_SECRET);
    }

    @GetMapping("/api/test/limited")
    String limited() {
      throw new RateLimitedException(Duration.ofMillis(29_500));
    }

    @GetMapping("/api/test/wrong-password")
    String wrongPassword() {
      throw new DomainException(ErrorCode.WRONG_PASSWORD, null, Map.of("attemptsLeft", 3));
    }

    @GetMapping("/api/test/denied")
    String denied() {
      throw new AccessDeniedException(INTERNAL_SECRET);
    }

    @GetMapping("/api/test/s/{token}")
    String share(@PathVariable String token) {
      return "ok";
    }

    @GetMapping("/api/test/download")
    ResponseEntity<StreamingResponseBody> download(@RequestParam String name) {
      byte[] body = "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8);
      return FileDownloads.attachment(name, body.length, out -> out.write(body));
    }

    @PostMapping("/api/test/upload")
    UploadReport upload(HttpServletRequest request, @RequestParam(defaultValue = "0") long limit)
        throws IOException {
      MultipartHandler<UploadReport> handler =
          (file, before) -> {
            MessageDigest sha = sha256();
            byte[] buffer = new byte[64 * 1024];
            long size = 0;
            InputStream in = file.content();
            for (int n; (n = in.read(buffer)) > 0; ) {
              sha.update(buffer, 0, n);
              if (size < UploadProbe.MIDPOINT && size + n >= UploadProbe.MIDPOINT) {
                uploadProbe.observe();
              }
              size += n;
            }
            return new UploadReport(
                HexFormat.of().formatHex(sha.digest()),
                size,
                file.fileName(),
                file.contentType(),
                before.values(),
                Map.of());
          };
      MultipartResult<UploadReport> result =
          limit > 0
              ? multipart.receive(request, "file", limit, handler)
              : multipart.receive(request, handler);
      UploadReport report = result.value();
      return new UploadReport(
          report.sha256(),
          report.size(),
          report.fileName(),
          report.contentType(),
          report.before(),
          result.fields().values());
    }

    private static MessageDigest sha256() {
      try {
        return MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
