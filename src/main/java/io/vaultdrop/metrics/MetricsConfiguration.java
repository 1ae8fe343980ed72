package io.vaultdrop.metrics;

import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Rules for every meter. The disk space meters ({@code disk_free_bytes}, {@code disk_total_bytes})
 * measure the data folder ({@code management.metrics.system.diskspace.paths} is set to it) and lose
 * their {@code path} label: a metric must not reveal where the data lives.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

  @Bean
  MeterFilter noPathLabels() {
    return MeterFilter.ignoreTags("path");
  }
}
