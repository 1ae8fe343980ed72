package io.vaultdrop.shares.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.vaultdrop.metrics.ClusterGauge;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** {@code vaultdrop_active_shares}: links that can still be downloaded, across the cluster. */
@Component
class ShareMetrics implements MeterBinder {

  private final ShareRepository repository;
  private final Clock clock;

  ShareMetrics(ShareRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    ClusterGauge.register(
        registry,
        "vaultdrop.active.shares",
        "Share links that can still be downloaded",
        () -> repository.countActive(clock.instant()),
        clock);
  }
}
