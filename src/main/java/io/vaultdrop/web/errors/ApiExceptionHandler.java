package io.vaultdrop.web.errors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/**
 * Maps every exception raised while handling a request. {@code /api/**} requests get a problem
 * here; browser requests get the status via {@code sendError}, which the container renders through
 * {@link ErrorPageController}. Spring Security's exceptions are rethrown so that its filters answer
 * (401/403), and a client that went away gets nothing.
 */
@RestControllerAdvice
final class ApiExceptionHandler {

  private static final List<String> DOWNLOAD_HEADERS =
      List.of(
          HttpHeaders.CONTENT_LENGTH,
          HttpHeaders.CONTENT_DISPOSITION,
          HttpHeaders.CONTENT_RANGE,
          HttpHeaders.ACCEPT_RANGES,
          "Vaultdrop-Resume-Token");

  private final ProblemMapper mapper;

  ApiExceptionHandler(ProblemMapper mapper) {
    this.mapper = mapper;
  }

  @ExceptionHandler(Exception.class)
  @Nullable ResponseEntity<ProblemDetail> handle(
      Exception ex, HttpServletRequest request, HttpServletResponse response) throws Exception {
    if (ex instanceof AccessDeniedException || ex instanceof AuthenticationException) {
      throw ex;
    }
    if (ex instanceof AsyncRequestNotUsableException) {
      return null;
    }
    Problem problem = mapper.map(ex);
    Object correlationId =
        problem.body().getProperties() == null
            ? null
            : problem.body().getProperties().get("correlationId");
    if (correlationId != null) {
      request.setAttribute(ProblemMapper.CORRELATION_ATTRIBUTE, correlationId);
    }
    if (response.isCommitted()) {
      // Too late for a problem: part of a download is already out. Handing the failure back to
      // the container makes it close the connection at once, so the client sees the transfer
      // break instead of waiting for the bytes Content-Length still promises.
      throw ex;
    }
    forgetDownloadHeaders(response);
    if (!ApiPaths.isApi(request)) {
      return sendError(response, problem);
    }
    return ResponseEntity.status(problem.status())
        .headers(problem.headers())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem.body());
  }

  /**
   * A download that failed before its first byte already has its headers set, just not sent: they
   * describe the file (its length, its name, a resume token), not the problem that replaces it.
   */
  private static void forgetDownloadHeaders(HttpServletResponse response) {
    for (String name : DOWNLOAD_HEADERS) {
      response.setHeader(name, null);
    }
    response.setContentLengthLong(-1);
  }

  private static @Nullable ResponseEntity<ProblemDetail> sendError(
      HttpServletResponse response, Problem problem) throws IOException {
    problem.headers().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
    response.sendError(problem.status());
    return null;
  }
}
