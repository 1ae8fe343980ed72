package io.vaultdrop.errors;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A failure that a feature reports to the client, named by its {@link ErrorCode}: the web layer
 * maps it in one place to an RFC 9457 {@code application/problem+json} response (for {@code
 * /api/**}) or to the error page (for browsers).
 *
 * <p>Contract: everything in here reaches the client. The {@code code} and {@code title} come from
 * the catalogue; {@code detail} is a short English text. Never put user input, secrets, file paths
 * or internal messages into it. Extra members (for example {@code attemptsLeft}) go into {@link
 * #properties()}.
 *
 * <p>These exceptions are expected control flow, so they carry no stack trace.
 */
public class DomainException extends RuntimeException {

  private static final Set<String> RESERVED =
      Set.of("type", "title", "status", "detail", "instance", "code", "correlationId", "errors");

  private final ErrorCode code;
  private final @Nullable String detail;
  private final Map<String, Object> properties;

  public DomainException(ErrorCode code) {
    this(code, null, Map.of());
  }

  public DomainException(ErrorCode code, @Nullable String detail) {
    this(code, detail, Map.of());
  }

  /**
   * @param properties extra problem members; names must not collide with the standard ones
   */
  public DomainException(ErrorCode code, @Nullable String detail, Map<String, Object> properties) {
    super(Objects.requireNonNull(code, "code").code(), null, false, false);
    for (String name : properties.keySet()) {
      if (RESERVED.contains(name)) {
        throw new IllegalArgumentException("reserved problem member: " + name);
      }
    }
    this.code = code;
    this.detail = detail;
    this.properties = Map.copyOf(properties);
  }

  /** 404 {@code not_found}: also used for resources the caller may not see. */
  public static DomainException notFound() {
    return new DomainException(ErrorCode.NOT_FOUND);
  }

  /** 413 {@code too_large}: an upload or field exceeded its limit. */
  public static DomainException tooLarge() {
    return new DomainException(ErrorCode.TOO_LARGE, "The upload is too large.");
  }

  /** 400 {@code invalid_request} with a short, fixed explanation. */
  public static DomainException invalidRequest(String detail) {
    return new DomainException(ErrorCode.INVALID_REQUEST, detail);
  }

  /** The catalogue entry. */
  public ErrorCode errorCode() {
    return code;
  }

  /** The problem's {@code code} member. */
  public String code() {
    return code.code();
  }

  /** The HTTP status. */
  public int status() {
    return code.status();
  }

  public String title() {
    return code.title();
  }

  public @Nullable String detail() {
    return detail;
  }

  public Map<String, Object> properties() {
    return properties;
  }
}
