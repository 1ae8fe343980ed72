package io.vaultdrop.web.errors;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.ModelAndView;

/**
 * Replaces Boot's error controller: errors that reach the container (unknown paths, {@code
 * sendError}, exceptions from filters, Spring Security) end here. {@code /api/**} gets
 * problem+json, browsers the error page in the shared layout. Nothing from the exception, the
 * request path or the container reaches the body.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
final class ErrorPageController implements ErrorController {

  private final ErrorAttributes errorAttributes;
  private final ProblemMapper mapper;
  private final ProblemWriter writer;

  ErrorPageController(ErrorAttributes errorAttributes, ProblemMapper mapper, ProblemWriter writer) {
    this.errorAttributes = errorAttributes;
    this.mapper = mapper;
    this.writer = writer;
  }

  @RequestMapping("${server.error.path:/error}")
  @Nullable ModelAndView error(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (response.isCommitted()) {
      // Part of a download is already out: an error page would be appended to the file. The
      // container closes the connection after this dispatch, which is the only signal left.
      return null;
    }
    int status = status(request);
    Problem problem = mapper.forStatus(status);
    Object correlationId = request.getAttribute(ProblemMapper.CORRELATION_ATTRIBUTE);
    Throwable error = errorAttributes.getError(new ServletWebRequest(request));
    if (status >= 500 && correlationId == null && error != null) {
      problem = mapper.unexpected(error);
      correlationId = problem.body().getProperties().get("correlationId");
    } else if (correlationId != null) {
      problem.body().setProperty("correlationId", correlationId);
    }
    if (ApiPaths.isApi(request)) {
      writer.write(response, problem);
      return null;
    }
    ModelAndView page = new ModelAndView("error", HttpStatusCode.valueOf(problem.status()));
    page.addObject("status", problem.status());
    page.addObject("correlationId", correlationId);
    return page;
  }

  /** The status of the failed request; a direct request to the error path is a 404. */
  private static int status(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    if (code instanceof Integer status && status >= 400 && status <= 599) {
      return status;
    }
    return 404;
  }
}
