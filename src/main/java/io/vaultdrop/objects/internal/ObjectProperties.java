package io.vaultdrop.objects.internal;

import io.vaultdrop.config.InvalidSettingException;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Object lifecycle settings ({@code vaultdrop.objects.*}).
 *
 * @param pendingAge {@code VAULTDROP_OBJECTS_PENDING_AGE}: an object still pending after this long
 *     (its upload crashed, or the node died before publishing it) is deleted by the sweeper. Longer
 *     than the slowest upload; at least one minute.
 * @param stalledReadAge {@code VAULTDROP_OBJECTS_STALLED_READ_AGE}: a deleted object waits for its
 *     readers, but not for a reader that started longer ago than this (its node died)
 * @param sweepInterval {@code VAULTDROP_OBJECTS_SWEEP_INTERVAL}: how often the sweeper runs (also
 *     once at start-up)
 */
@ConfigurationProperties("vaultdrop.objects")
record ObjectProperties(
    @DefaultValue("PT24H") Duration pendingAge,
    @DefaultValue("PT24H") Duration stalledReadAge,
    @DefaultValue("PT5M") Duration sweepInterval) {

  ObjectProperties {
    if (pendingAge.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new InvalidSettingException("VAULTDROP_OBJECTS_PENDING_AGE", "must be at least 1m");
    }
    if (stalledReadAge.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new InvalidSettingException(
          "VAULTDROP_OBJECTS_STALLED_READ_AGE", "must be at least 1m");
    }
    if (sweepInterval.isNegative() || sweepInterval.isZero()) {
      throw new InvalidSettingException("VAULTDROP_OBJECTS_SWEEP_INTERVAL", "must be positive");
    }
  }
}
