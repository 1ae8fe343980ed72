package io.vaultdrop.web.errors;

import io.vaultdrop.errors.CatalogedFailure;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.web.ProblemHeaders;
import io.vaultdrop.web.ProblemMessages;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * The one place that turns exceptions into problems. Only fixed texts reach the client: exception
 * messages, rejected values and paths never do. Unexpected exceptions are logged with a correlation
 * id that the problem repeats, so a user report can be matched to the log.
 */
@Component
final class ProblemMapper {

  static final String CORRELATION_ATTRIBUTE = ProblemMapper.class.getName() + ".correlationId";
  private static final URI ABOUT_BLANK = URI.create("about:blank");
  private static final Logger log = LoggerFactory.getLogger(ProblemMapper.class);

  private final ProblemMessages messages;

  ProblemMapper(ProblemMessages messages) {
    this.messages = messages;
  }

  Problem map(Throwable ex) {
    if (ex instanceof DomainException domain) {
      return fromDomainException(domain);
    }
    Optional<Outages.Outage> outage = Outages.of(ex);
    if (outage.isPresent()) {
      return fromOutage(outage.get(), ex);
    }
    if (ex instanceof CatalogedFailure failure) {
      return fromCatalog(failure, ex);
    }
    if (ex instanceof HttpMessageNotReadableException) {
      return problem(400, "malformed_request", "problem.body-unreadable");
    }
    if (DisconnectedClientHelper.isClientDisconnectedException(ex)) {
      // The client went away (an aborted upload or download): nobody reads this answer, and a
      // stack trace per abort would drown the log.
      log.debug("Client disconnected: {}", ex.toString());
      return problem(400, "malformed_request", "problem.connection-ended");
    }
    if (ex instanceof MethodArgumentNotValidException invalid) {
      return invalid(ValidationErrors.of(invalid.getBindingResult()));
    }
    if (ex instanceof HandlerMethodValidationException invalid) {
      return invalid(ValidationErrors.of(invalid));
    }
    if (ex instanceof MissingServletRequestParameterException missing) {
      return invalid(field(missing.getParameterName(), "required"));
    }
    if (ex instanceof MissingServletRequestPartException missing) {
      return invalid(field(missing.getRequestPartName(), "required"));
    }
    if (ex instanceof MethodArgumentTypeMismatchException mismatch) {
      return invalid(field(mismatch.getName(), "type"));
    }
    if (ex instanceof ErrorResponse known && known.getStatusCode().value() < 500) {
      return withHeaders(known);
    }
    return unexpected(ex);
  }

  private static List<ValidationErrors.FieldProblem> field(String name, String reason) {
    return List.of(new ValidationErrors.FieldProblem(name, reason));
  }

  /** A problem for a bare status (container errors, Spring Security). */
  Problem forStatus(int status) {
    return problem(status, ProblemCodes.forStatus(status), null);
  }

  /**
   * Logs {@code ex} under a fresh correlation id and returns a generic 500 problem; an outage (a
   * full disk, an unreachable database) reached from a filter is answered as in {@link #map}.
   */
  Problem unexpected(Throwable ex) {
    Optional<Outages.Outage> outage = Outages.of(ex);
    if (outage.isPresent()) {
      return fromOutage(outage.get(), ex);
    }
    String correlationId = UUID.randomUUID().toString();
    log.error("Unexpected error, correlationId={}", correlationId, ex);
    Problem problem = problem(500, "internal_error", "problem.unexpected");
    problem.body().setProperty("correlationId", correlationId);
    return problem;
  }

  /** Status, title and code from the catalogue; {@code Retry-After} for rate limits. */
  private Problem fromDomainException(DomainException ex) {
    ProblemDetail body = ProblemDetail.forStatus(ex.status());
    body.setType(ABOUT_BLANK);
    body.setTitle(messages.title(ex.errorCode()));
    body.setDetail(messages.detail(ex));
    body.setProperty("code", ex.code());
    ex.properties().forEach(body::setProperty);
    return new Problem(body, ProblemHeaders.of(ex));
  }

  /** A checked failure with a catalogue entry; a 5xx one (an outage) is logged, without secrets. */
  private Problem fromCatalog(CatalogedFailure failure, Throwable ex) {
    ErrorCode code = failure.errorCode();
    if (code.status() >= 500) {
      log.warn("{}: {}", code.code(), ex.getCause() == null ? ex : ex.getCause().toString());
    }
    ProblemDetail body = ProblemDetail.forStatus(code.status());
    body.setType(ABOUT_BLANK);
    body.setTitle(messages.title(code));
    body.setDetail(messages.detail(failure.clientDetailKey(), List.of()));
    body.setProperty("code", code.code());
    return new Problem(body, new HttpHeaders());
  }

  /**
   * A full disk or an unreachable database: the operator's problem, logged as one line with the
   * real cause (no stack trace: an outage fails every request the same way), never sent.
   */
  private Problem fromOutage(Outages.Outage outage, Throwable ex) {
    ErrorCode code = outage.code();
    Throwable root = NestedExceptionUtils.getMostSpecificCause(outage.evidence());
    if (root == ex || root.toString().equals(ex.toString())) {
      log.warn("{}: {}", code.code(), ex.toString());
    } else {
      log.warn("{}: {}, caused by {}", code.code(), ex.toString(), root.toString());
    }
    ProblemDetail body = ProblemDetail.forStatus(code.status());
    body.setType(ABOUT_BLANK);
    body.setTitle(messages.title(code));
    body.setDetail(
        messages.detail(
            code == ErrorCode.INSUFFICIENT_STORAGE ? "problem.disk-full" : "problem.unavailable",
            List.of()));
    body.setProperty("code", code.code());
    return new Problem(body, new HttpHeaders());
  }

  private Problem withHeaders(ErrorResponse known) {
    int status = known.getStatusCode().value();
    Problem problem = problem(status, ProblemCodes.forStatus(status), null);
    HttpHeaders headers = new HttpHeaders();
    for (String name : List.of(HttpHeaders.ALLOW, HttpHeaders.ACCEPT, "Accept-Post")) {
      List<String> values = known.getHeaders().get(name);
      if (values != null) {
        headers.addAll(name, values);
      }
    }
    return new Problem(problem.body(), headers);
  }

  private Problem invalid(List<ValidationErrors.FieldProblem> errors) {
    Problem problem = problem(400, "invalid_request", "problem.invalid-fields");
    problem.body().setProperty("errors", errors);
    return problem;
  }

  /** A problem without a catalogue entry; {@code detailKey} may be {@code null}. */
  private Problem problem(int status, String code, @Nullable String detailKey) {
    ProblemDetail body = ProblemDetail.forStatus(status);
    body.setType(ABOUT_BLANK);
    body.setTitle(messages.title(status, code, ProblemCodes.title(status)));
    body.setDetail(detailKey == null ? null : messages.detail(detailKey, List.of()));
    body.setProperty("code", code);
    return new Problem(body, new HttpHeaders());
  }
}
