package io.vaultdrop.health.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;

/**
 * Runs one probe of a dependency on a thread of its own and waits for it at most {@link #LIMIT}: a
 * database or a volume that hangs makes the check DOWN in time instead of holding the health
 * request. At most one probe per check runs at a time; a caller that finds one still running waits
 * for that one (so a hung backend never piles up threads). A change between UP and DOWN is logged
 * once with its reason: the health body itself shows no details.
 */
final class BoundedCheck {

  /** Per check; the health endpoint runs its checks one after another, within 10 s together. */
  static final Duration LIMIT = Duration.ofSeconds(4);

  /** What is checked; throws when the dependency cannot be used. */
  @FunctionalInterface
  interface Probe {
    void run() throws Exception;
  }

  private static final Logger log = LoggerFactory.getLogger(BoundedCheck.class);

  private final String name;
  private final Duration limit;
  private CompletableFuture<Void> running = CompletableFuture.completedFuture(null);
  private boolean down;

  BoundedCheck(String name) {
    this(name, LIMIT);
  }

  BoundedCheck(String name, Duration limit) {
    this.name = name;
    this.limit = limit;
  }

  Health check(Probe probe) {
    CompletableFuture<Void> probing = start(probe);
    try {
      probing.get(limit.toMillis(), TimeUnit.MILLISECONDS);
      return reported(null);
    } catch (TimeoutException e) {
      return reported("no answer within " + limit.toMillis() + " ms");
    } catch (ExecutionException e) {
      return reported(e.getCause().toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return reported("interrupted");
    }
  }

  private synchronized CompletableFuture<Void> start(Probe probe) {
    if (running.isDone()) {
      CompletableFuture<Void> next = new CompletableFuture<>();
      Thread.ofVirtual()
          .name("health-" + name)
          .start(
              () -> {
                try {
                  probe.run();
                  next.complete(null);
                } catch (Throwable t) {
                  next.completeExceptionally(t);
                }
              });
      running = next;
    }
    return running;
  }

  private synchronized Health reported(String failure) {
    if (failure == null) {
      if (down) {
        log.info("Health check '{}' is UP again", name);
        down = false;
      }
      return Health.up().build();
    }
    if (!down) {
      log.warn("Health check '{}' is DOWN: {}", name, failure);
      down = true;
    }
    return Health.down().build();
  }
}
