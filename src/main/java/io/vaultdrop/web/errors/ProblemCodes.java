package io.vaultdrop.web.errors;

import io.vaultdrop.errors.ErrorCode;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.http.HttpStatus;

/** Stable {@code code} members for statuses that have no more specific code. */
public final class ProblemCodes {

  private ProblemCodes() {}

  static String forStatus(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 406 -> "not_acceptable";
      case 409 -> "conflict";
      case 413 -> "too_large";
      case 415 -> "unsupported_media_type";
      case 429 -> "rate_limited";
      case 503 -> "unavailable";
      case 507 -> "insufficient_storage";
      default -> status >= 500 ? "internal_error" : "error";
    };
  }

  /**
   * Every {@code code} a problem can carry: the catalogue's and the generic ones of {@link
   * #forStatus}. The OpenAPI document lists them as the {@code code} enum.
   */
  public static SortedSet<String> all() {
    SortedSet<String> codes = new TreeSet<>();
    for (ErrorCode code : ErrorCode.values()) {
      codes.add(code.code());
    }
    for (int status = 400; status < 600; status++) {
      codes.add(forStatus(status));
    }
    return codes;
  }

  /** The reason phrase, or a generic one for statuses Spring does not know. */
  static String title(int status) {
    HttpStatus known = HttpStatus.resolve(status);
    if (known == null) {
      return status >= 500 ? "Internal Server Error" : "Error";
    }
    return known.getReasonPhrase();
  }
}
