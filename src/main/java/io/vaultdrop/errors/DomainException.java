package io.vaultdrop.errors;

import java.util.Arrays;
import java.util.List;
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
 * the catalogue; the {@code detail} is named by a message key of {@code
 * messages-problems*.properties} (English and Uzbek, e.g. {@code problem.share.used_up}) with
 * optional arguments, resolved in the reader's language when the problem is written, so the same
 * failure reads "Not Found" or "Topilmadi". Never put user input, secrets, file paths or internal
 * messages into the arguments. Extra members (for example {@code attemptsLeft}) go into {@link
 * #properties()}.
 *
 * <p>These exceptions are expected control flow, so they carry no stack trace.
 */
public class DomainException extends RuntimeException {

  private static final Set<String> RESERVED =
      Set.of("type", "title", "status", "detail", "instance", "code", "correlationId", "errors");

  private final ErrorCode code;
  private final @Nullable String detailKey;
  private final List<String> detailArgs;
  private final Map<String, Object> properties;

  public DomainException(ErrorCode code) {
    this(code, null, Map.of());
  }

  /**
   * @param detailKey message key of the detail, or {@code null} for none
   * @param detailArgs its arguments ({@code {0}}, ...), shown as {@link String#valueOf} gives them
   */
  public DomainException(ErrorCode code, @Nullable String detailKey, Object... detailArgs) {
    this(code, detailKey, Map.of(), detailArgs);
  }

  /**
   * @param properties extra problem members; names must not collide with the standard ones
   */
  public DomainException(
      ErrorCode code,
      @Nullable String detailKey,
      Map<String, Object> properties,
      Object... detailArgs) {
    super(Objects.requireNonNull(code, "code").code(), null, false, false);
    for (String name : properties.keySet()) {
      if (RESERVED.contains(name)) {
        throw new IllegalArgumentException("reserved problem member: " + name);
      }
    }
    this.code = code;
    this.detailKey = detailKey;
    this.detailArgs = Arrays.stream(detailArgs).map(String::valueOf).toList();
    this.properties = Map.copyOf(properties);
  }

  /** 404 {@code not_found}: also used for resources the caller may not see. */
  public static DomainException notFound() {
    return new DomainException(ErrorCode.NOT_FOUND);
  }

  /** 413 {@code too_large}: an upload or field exceeded its limit. */
  public static DomainException tooLarge() {
    return new DomainException(ErrorCode.TOO_LARGE, "problem.too-large");
  }

  /** 400 {@code invalid_request} with a short, fixed explanation (a message key). */
  public static DomainException invalidRequest(String detailKey, Object... detailArgs) {
    return new DomainException(ErrorCode.INVALID_REQUEST, detailKey, detailArgs);
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

  /** The message key of the {@code detail}, or {@code null} for none. */
  public @Nullable String detailKey() {
    return detailKey;
  }

  public List<String> detailArgs() {
    return detailArgs;
  }

  public Map<String, Object> properties() {
    return properties;
  }
}
