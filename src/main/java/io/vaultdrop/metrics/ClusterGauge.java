package io.vaultdrop.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gauge whose value is a count in the shared database: a cluster-wide value that every node
 * reports alike (aggregate it with {@code max}, not {@code sum}). The count is queried at most once
 * every {@link #MAX_AGE} per node, however often or by how many scrapers it is read; when the query
 * fails the gauge reports {@code NaN} until the next one succeeds.
 */
public final class ClusterGauge {

  /** How long a count is reported before it is queried again. */
  public static final Duration MAX_AGE = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(ClusterGauge.class);

  private final LongSupplier count;
  private final Clock clock;
  private double value = Double.NaN;
  private Instant queriedAt = Instant.MIN;

  private ClusterGauge(LongSupplier count, Clock clock) {
    this.count = count;
    this.clock = clock;
  }

  /** Registers {@code name} as a gauge of {@code count}, cached for {@link #MAX_AGE}. */
  public static void register(
      MeterRegistry registry, String name, String description, LongSupplier count, Clock clock) {
    Gauge.builder(name, new ClusterGauge(count, clock), ClusterGauge::value)
        .description(description + " (cluster-wide, from the database; every node reports it)")
        .strongReference(true)
        .register(registry);
  }

  private synchronized double value() {
    Instant now = clock.instant();
    if (queriedAt.plus(MAX_AGE).isAfter(now)) {
      return value;
    }
    queriedAt = now;
    try {
      value = count.getAsLong();
    } catch (RuntimeException e) {
      value = Double.NaN;
      log.debug("A cluster gauge could not be counted: {}", e.toString());
    }
    return value;
  }
}
