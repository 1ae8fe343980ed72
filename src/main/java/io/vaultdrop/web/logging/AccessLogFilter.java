package io.vaultdrop.web.logging;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.apache.catalina.connector.ResponseFacade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * One line per request on logger {@code io.vaultdrop.access}: method, matched route pattern,
 * status, duration and body bytes. URLs carry secrets (share tokens, verification tokens), so the
 * raw path and the query string are never logged: only the pattern that matched (e.g. {@code
 * /s/{token}}), or {@code -} when no handler matched.
 *
 * <p>Bytes are those the application wrote during this request; an error page the container renders
 * afterwards (after {@code sendError}) is not counted.
 *
 * <p>The same values travel as key-value pairs, which structured logging ({@code
 * LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs}, {@code logstash} or {@code gelf}) writes as JSON members
 * with ECS names: {@code http.request.method}, {@code http.route}, {@code
 * http.response.status_code}, {@code event.duration} (nanoseconds) and {@code
 * http.response.body.bytes} (left out when unknown). Nothing else of the request is logged.
 */
final class AccessLogFilter extends OncePerRequestFilter {

  static final String LOGGER = "io.vaultdrop.access";
  private static final Logger log = LoggerFactory.getLogger(LOGGER);
  private static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT");

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long start = System.nanoTime();
    try {
      chain.doFilter(request, response);
    } finally {
      if (request.isAsyncStarted()) {
        request.getAsyncContext().addListener(new LogWhenDone(request, response, start));
      } else {
        write(request, response, start);
      }
    }
  }

  private static void write(HttpServletRequest request, HttpServletResponse response, long start) {
    if (!log.isInfoEnabled()) {
      return;
    }
    long nanos = System.nanoTime() - start;
    Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    String route = pattern instanceof String p ? p : "-";
    String method = METHODS.contains(request.getMethod()) ? request.getMethod() : "OTHER";
    int status = response.getStatus();
    long bytes = bytesWritten(response);
    LoggingEventBuilder line =
        log.atInfo()
            .addKeyValue("http.request.method", method)
            .addKeyValue("http.route", route)
            .addKeyValue("http.response.status_code", status)
            .addKeyValue("event.duration", nanos);
    if (bytes >= 0) {
      line = line.addKeyValue("http.response.body.bytes", bytes);
    }
    line.log(
        "{} {} {} {}ms {}B",
        method,
        route,
        status,
        nanos / 1_000_000,
        bytes >= 0 ? Long.toString(bytes) : "-");
  }

  /** The body bytes written, or -1 when the container does not tell. */
  private static long bytesWritten(ServletResponse response) {
    ServletResponse current = response;
    while (current instanceof ServletResponseWrapper wrapper) {
      current = wrapper.getResponse();
    }
    return current instanceof ResponseFacade tomcat ? tomcat.getContentWritten() : -1;
  }

  /** Logs asynchronous requests (streamed downloads) once they complete. */
  private record LogWhenDone(HttpServletRequest request, HttpServletResponse response, long start)
      implements AsyncListener {

    @Override
    public void onComplete(AsyncEvent event) {
      write(request, response, start);
    }

    @Override
    public void onTimeout(AsyncEvent event) {}

    @Override
    public void onError(AsyncEvent event) {}

    @Override
    public void onStartAsync(AsyncEvent event) {}
  }
}
