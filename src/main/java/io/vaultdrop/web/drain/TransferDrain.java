package io.vaultdrop.web.drain;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;

/**
 * Lets a stopping node finish its transfers (uploads and downloads) before the web server stops.
 *
 * <p>Contract: while readiness is {@link ReadinessState#REFUSING_TRAFFIC} (Spring Boot sets it the
 * moment the context starts closing, e.g. on SIGTERM) no new transfer starts here: {@link
 * DrainInterceptor} answers 503 {@code unavailable} with {@code Retry-After}; every other request
 * is still served. On shutdown this bean's phase runs before Spring's graceful web-server phase and
 * keeps the server listening until the transfers in progress have ended, at most {@code
 * spring.lifecycle.timeout-per-shutdown-phase}, so that readiness probes see 503 and new transfers
 * get an answer rather than a refused connection. Then Spring's graceful phase closes the listening
 * socket and waits (the same timeout again) for requests still running; what is left after that is
 * cut when the server stops.
 */
final class TransferDrain
    implements SmartLifecycle, ApplicationListener<AvailabilityChangeEvent<?>> {

  /** Stops just before {@link WebServerApplicationContext#GRACEFUL_SHUTDOWN_PHASE}. */
  static final int PHASE = WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE + 512;

  private static final Logger log = LoggerFactory.getLogger(TransferDrain.class);

  private final Duration timeout;
  private final AtomicInteger active = new AtomicInteger();
  private final Object lock = new Object();
  private volatile boolean draining;
  private volatile boolean running;

  TransferDrain(Duration timeout) {
    this.timeout = timeout;
  }

  /** New transfers are refused. */
  boolean draining() {
    return draining;
  }

  /** How long a refused client should wait before retrying (on another node, or this one). */
  Duration retryAfter() {
    return Duration.ofSeconds(5);
  }

  void started() {
    active.incrementAndGet();
  }

  void ended() {
    if (active.decrementAndGet() <= 0) {
      synchronized (lock) {
        lock.notifyAll();
      }
    }
  }

  /** Transfers in progress. */
  int active() {
    return active.get();
  }

  @Override
  public void onApplicationEvent(AvailabilityChangeEvent<?> event) {
    if (event.getState() instanceof ReadinessState readiness) {
      draining = readiness == ReadinessState.REFUSING_TRAFFIC;
    }
  }

  /**
   * (Re)starts taking transfers. A stopped context can be started again (Spring's test framework
   * pauses cached contexts between test classes and restarts them), so a drain ends here too.
   */
  @Override
  public void start() {
    draining = false;
    running = true;
  }

  /** Waits until the transfers in progress have ended, at most the shutdown-phase timeout. */
  @Override
  public void stop() {
    draining = true; // also without the readiness event (a context closed by other means)
    running = false;
    int count = active.get();
    if (count <= 0) {
      return;
    }
    log.info("Draining: waiting up to {} for {} transfer(s) in progress", timeout, count);
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (active.get() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          log.warn("Draining: {} transfer(s) still running after {}", active.get(), timeout);
          return;
        }
        try {
          lock.wait(Math.max(1, Math.min(left / 1_000_000, 1_000)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    log.info("Draining: every transfer ended");
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
