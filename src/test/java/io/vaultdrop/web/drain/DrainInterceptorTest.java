package io.vaultdrop.web.drain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.errors.RetryLaterException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

class DrainInterceptorTest {

  private final TransferDrain drain = new TransferDrain(Duration.ofSeconds(30));
  private final DrainInterceptor interceptor = new DrainInterceptor(drain);

  @SuppressWarnings("unused")
  static final class Handlers {
    ResponseEntity<StreamingResponseBody> download() {
      return null;
    }

    StreamingResponseBody bareDownload() {
      return null;
    }

    String page() {
      return null;
    }

    ResponseEntity<String> json() {
      return null;
    }
  }

  private static HandlerMethod handler(String name) throws NoSuchMethodException {
    return new HandlerMethod(new Handlers(), Handlers.class.getDeclaredMethod(name));
  }

  private static MockHttpServletRequest request(String method, String contentType) {
    MockHttpServletRequest request = new MockHttpServletRequest(method, "/x");
    if (contentType != null) {
      request.setContentType(contentType);
    }
    return request;
  }

  @Test
  void transfers_areUploadBodies_tusRequests_andStreamedAnswers() throws Exception {
    Object page = handler("page");
    assertThat(
            DrainInterceptor.isTransfer(request("POST", "multipart/form-data; boundary=b"), page))
        .isTrue();
    assertThat(
            DrainInterceptor.isTransfer(request("PATCH", "application/offset+octet-stream"), page))
        .isTrue();
    MockHttpServletRequest tusCreate = request("POST", null);
    tusCreate.addHeader("Tus-Resumable", "1.0.0");
    assertThat(DrainInterceptor.isTransfer(tusCreate, page)).isTrue();
    assertThat(DrainInterceptor.isTransfer(request("POST", "application/json"), handler("json")))
        .isFalse();
    assertThat(DrainInterceptor.isTransfer(request("GET", null), handler("download"))).isTrue();
    assertThat(DrainInterceptor.isTransfer(request("GET", null), handler("bareDownload"))).isTrue();
    assertThat(DrainInterceptor.isTransfer(request("GET", null), page)).isFalse();
    assertThat(DrainInterceptor.isTransfer(request("HEAD", null), handler("json"))).isFalse();
  }

  @Test
  void whileReadinessRefusesTraffic_newTransfersAre503Unavailable_otherRequestsPass()
      throws Exception {
    drain.onApplicationEvent(new AvailabilityChangeEvent<>(this, ReadinessState.REFUSING_TRAFFIC));
    MockHttpServletResponse response = new MockHttpServletResponse();
    assertThatThrownBy(
            () -> interceptor.preHandle(request("GET", null), response, handler("download")))
        .isInstanceOfSatisfying(
            RetryLaterException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(ErrorCode.UNAVAILABLE);
              assertThat(e.status()).isEqualTo(503);
              assertThat(e.code()).isEqualTo("unavailable");
              assertThat(e.retryAfterSeconds()).isPositive();
            });
    assertThat(interceptor.preHandle(request("GET", null), response, handler("page"))).isTrue();
    assertThat(drain.active()).isZero();

    drain.onApplicationEvent(new AvailabilityChangeEvent<>(this, ReadinessState.ACCEPTING_TRAFFIC));
    assertThat(interceptor.preHandle(request("GET", null), response, handler("download"))).isTrue();
  }

  /**
   * A stopped context that is started again (Spring's test framework pauses cached contexts and
   * restarts them) takes transfers again: the drain of its stop does not outlive it.
   */
  @Test
  void aContextStartedAgainAfterItsStop_takesTransfersAgain() throws Exception {
    drain.start();
    drain.stop();
    MockHttpServletResponse response = new MockHttpServletResponse();
    assertThatThrownBy(
            () -> interceptor.preHandle(request("GET", null), response, handler("download")))
        .isInstanceOf(RetryLaterException.class);

    drain.start();

    assertThat(interceptor.preHandle(request("GET", null), response, handler("download"))).isTrue();
  }

  @Test
  void aSynchronousTransfer_isCountedUntilItCompletes_once() throws Exception {
    MockHttpServletRequest upload = request("POST", "multipart/form-data; boundary=b");
    MockHttpServletResponse response = new MockHttpServletResponse();
    Object page = handler("page");
    interceptor.preHandle(upload, response, page);
    assertThat(drain.active()).isEqualTo(1);
    interceptor.afterCompletion(upload, response, page, null);
    interceptor.afterCompletion(upload, response, page, null);
    assertThat(drain.active()).isZero();
  }

  @Test
  void stop_returnsOnceTheLastTransferEnded() throws Exception {
    drain.start();
    drain.stop(); // nothing in progress: returns at once
    assertThat(drain.draining()).isTrue();

    TransferDrain busy = new TransferDrain(Duration.ofMinutes(5));
    busy.start();
    busy.started();
    CompletableFuture<Void> stopping = CompletableFuture.runAsync(busy::stop);
    Thread.sleep(200); // ordering only: stop() is waiting, not a timing assertion
    assertThat(stopping).isNotDone();
    busy.ended();
    stopping.get(30, TimeUnit.SECONDS);
    assertThat(busy.isRunning()).isFalse();
  }
}
