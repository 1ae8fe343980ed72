package io.vaultdrop.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Spring MVC serves a {@code HEAD} with the {@code GET} handler and drops the body. For a handler
 * that streams a file that means reading and decrypting the whole file for an answer without a
 * body, and, for a download served once (the tool's decrypted original) or recorded once complete
 * (the tool's {@code .enc} and key), using it up: a download manager or link checker that asks
 * {@code HEAD} first would burn it. So a {@code HEAD} of a handler returning a {@link
 * StreamingResponseBody} is answered {@code 405} with {@code Allow: GET} before the handler runs,
 * unless the handler is marked {@link AnswersHead}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class HeadOfStreamedDownloads implements WebMvcConfigurer, HandlerInterceptor {

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this);
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (!HttpMethod.HEAD.matches(request.getMethod())
        || !(handler instanceof HandlerMethod method)
        || method.hasMethodAnnotation(AnswersHead.class)
        || !streams(method)) {
      return true;
    }
    response.setStatus(HttpStatus.METHOD_NOT_ALLOWED.value());
    response.setHeader(HttpHeaders.ALLOW, HttpMethod.GET.name());
    return false;
  }

  private static boolean streams(HandlerMethod method) {
    ResolvableType returned = ResolvableType.forMethodReturnType(method.getMethod());
    if (StreamingResponseBody.class.isAssignableFrom(returned.toClass())) {
      return true;
    }
    return returned.hasGenerics()
        && StreamingResponseBody.class.isAssignableFrom(returned.getGeneric(0).toClass());
  }
}
