package io.vaultdrop.web.drain;

import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.errors.RetryLaterException;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpEntity;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.AsyncHandlerInterceptor;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Refuses new transfers while the node drains, and counts the transfers in progress for {@link
 * TransferDrain}.
 *
 * <p>A transfer is an upload (a {@code POST} or {@code PATCH} whose body is {@code multipart/*} or
 * {@code application/offset+octet-stream}, or any tus request that creates or continues an upload:
 * {@code POST}/{@code PATCH} with {@code Tus-Resumable}) or a download (a handler that answers with
 * a {@link StreamingResponseBody}). A download runs asynchronously: it is counted until the
 * container completes its async cycle (after the last byte, or after a failure or disconnect).
 */
final class DrainInterceptor implements AsyncHandlerInterceptor {

  private static final String COUNTED = DrainInterceptor.class.getName() + ".counted";

  private final TransferDrain drain;

  DrainInterceptor(TransferDrain drain) {
    this.drain = drain;
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (request.getDispatcherType() != DispatcherType.REQUEST || !isTransfer(request, handler)) {
      return true;
    }
    if (drain.draining()) {
      throw new RetryLaterException(ErrorCode.UNAVAILABLE, "problem.draining", drain.retryAfter());
    }
    drain.started();
    request.setAttribute(COUNTED, new AtomicBoolean());
    return true;
  }

  /** A download: ends when the container completes the async cycle, whatever happened. */
  @Override
  public void afterConcurrentHandlingStarted(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (request.getAttribute(COUNTED) instanceof AtomicBoolean ended) {
      request
          .getAsyncContext()
          .addListener(
              new AsyncListener() {
                @Override
                public void onComplete(AsyncEvent event) {
                  end(ended);
                }

                @Override
                public void onTimeout(AsyncEvent event) {}

                @Override
                public void onError(AsyncEvent event) {}

                @Override
                public void onStartAsync(AsyncEvent event) {}
              });
    }
  }

  /** A request that did not go async (every upload, and a download refused before streaming). */
  @Override
  public void afterCompletion(
      HttpServletRequest request,
      HttpServletResponse response,
      Object handler,
      @Nullable Exception ex) {
    if (request.getDispatcherType() == DispatcherType.REQUEST
        && !request.isAsyncStarted()
        && request.getAttribute(COUNTED) instanceof AtomicBoolean ended) {
      end(ended);
    }
  }

  private void end(AtomicBoolean ended) {
    if (ended.compareAndSet(false, true)) {
      drain.ended();
    }
  }

  static boolean isTransfer(HttpServletRequest request, Object handler) {
    String method = request.getMethod();
    if ("POST".equals(method) || "PATCH".equals(method)) {
      String type = request.getContentType();
      if (request.getHeader("Tus-Resumable") != null
          || (type != null
              && (type.regionMatches(true, 0, "multipart/", 0, 10)
                  || type.regionMatches(true, 0, "application/offset+octet-stream", 0, 31)))) {
        return true;
      }
    }
    return handler instanceof HandlerMethod handlerMethod && streams(handlerMethod.getReturnType());
  }

  /** {@code StreamingResponseBody}, or a {@code ResponseEntity} of one. */
  private static boolean streams(MethodParameter returnType) {
    Class<?> type = returnType.getParameterType();
    if (StreamingResponseBody.class.isAssignableFrom(type)) {
      return true;
    }
    if (HttpEntity.class.isAssignableFrom(type)) {
      Class<?> body = ResolvableType.forMethodParameter(returnType).getGeneric(0).resolve();
      return body != null && StreamingResponseBody.class.isAssignableFrom(body);
    }
    return false;
  }
}
