package io.vaultdrop.uploads.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.vaultdrop.metrics.ClusterGauge;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** {@code vaultdrop_pending_uploads}: resumable uploads still receiving bytes, cluster-wide. */
@Component
class UploadMetrics implements MeterBinder {

  private final UploadRepository repository;
  private final Clock clock;

  UploadMetrics(UploadRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    ClusterGauge.register(
        registry,
        "vaultdrop.pending.uploads",
        "Resumable (tus) uploads started and not finished or expired",
        () -> repository.countUnfinished(clock.instant()),
        clock);
  }
}
