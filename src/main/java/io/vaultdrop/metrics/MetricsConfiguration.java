package io.vaultdrop.metrics;

import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Rules for every meter: no meter keeps a {@code path} label, since a metric must not reveal where
 * the data lives. Today only the disk space meters ({@code disk_free_bytes}, {@code
 * disk_total_bytes}) have one; they measure the one data folder ({@code
 * management.metrics.system.diskspace.paths} is set to it), so nothing merges.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

  @Bean
  MeterFilter noPathLabels() {
    return MeterFilter.ignoreTags("path");
  }
}
