package io.vaultdrop.web.errors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.coyote.CloseNowException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A failure after the response was committed (a download whose stored file turns out damaged
 * mid-way) can no longer become a problem response. {@link ApiExceptionHandler} has logged it once,
 * under a correlation id, and handed it back to the container so that the connection closes and the
 * client sees the transfer break. This filter passes it on as Tomcat's own "close now" signal:
 * Tomcat closes the connection just the same but does not log the failure a second and third time.
 * Failures nobody logged yet reach Tomcat unchanged.
 */
final class CommittedFailureFilter extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } catch (IOException | ServletException e) {
      Object correlationId = request.getAttribute(ProblemMapper.CORRELATION_ATTRIBUTE);
      if (response.isCommitted() && correlationId != null) {
        throw new CloseNowException("response broken off, logged as " + correlationId, e);
      }
      throw e;
    }
  }

  @Override
  protected boolean shouldNotFilterAsyncDispatch() {
    return false;
  }
}
