package io.vaultdrop.web;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A failure that a feature reports to the client: mapped in one place to an RFC 9457 {@code
 * application/problem+json} response (for {@code /api/**}) or to the error page (for browsers).
 *
 * <p>Contract: everything in here reaches the client. {@code code} is a stable machine-readable
 * identifier ({@code snake_case}); {@code title} and {@code detail} are short English texts. Never
 * put user input, secrets, file paths or internal messages into any of them. Extra members (for
 * example {@code attemptsLeft}) go into {@link #properties()}.
 *
 * <p>These exceptions are expected control flow, so they carry no stack trace.
 */
public class ApiException extends RuntimeException {

  private static final Set<String> RESERVED =
      Set.of("type", "title", "status", "detail", "instance", "code", "correlationId", "errors");

  private final HttpStatus status;
  private final String code;
  private final String title;
  private final @Nullable String detail;
  private final Map<String, Object> properties;

  public ApiException(HttpStatus status, String code, String title) {
    this(status, code, title, null, Map.of());
  }

  public ApiException(HttpStatus status, String code, String title, @Nullable String detail) {
    this(status, code, title, detail, Map.of());
  }

  /**
   * @param properties extra problem members; names must not collide with the standard ones
   */
  public ApiException(
      HttpStatus status,
      String code,
      String title,
      @Nullable String detail,
      Map<String, Object> properties) {
    super(Objects.requireNonNull(code, "code"), null, false, false);
    if (!code.matches("[a-z][a-z0-9_]{0,63}")) {
      throw new IllegalArgumentException("code must be snake_case");
    }
    for (String name : properties.keySet()) {
      if (RESERVED.contains(name)) {
        throw new IllegalArgumentException("reserved problem member: " + name);
      }
    }
    this.status = Objects.requireNonNull(status, "status");
    this.code = code;
    this.title = Objects.requireNonNull(title, "title");
    this.detail = detail;
    this.properties = Map.copyOf(properties);
  }

  /** 404 {@code not_found}: also used for resources the caller may not see. */
  public static ApiException notFound() {
    return new ApiException(HttpStatus.NOT_FOUND, "not_found", "Not Found");
  }

  /** 413 {@code too_large}: an upload or field exceeded its limit. */
  public static ApiException tooLarge() {
    return new ApiException(
        HttpStatus.CONTENT_TOO_LARGE, "too_large", "Content Too Large", "The upload is too large.");
  }

  /** 400 {@code invalid_request} with a short, fixed explanation. */
  public static ApiException invalidRequest(String detail) {
    return new ApiException(HttpStatus.BAD_REQUEST, "invalid_request", "Bad Request", detail);
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String title() {
    return title;
  }

  public @Nullable String detail() {
    return detail;
  }

  public Map<String, Object> properties() {
    return properties;
  }

  /** Headers to add to the error response; empty unless a subclass needs some. */
  public HttpHeaders headers() {
    return new HttpHeaders();
  }
}
