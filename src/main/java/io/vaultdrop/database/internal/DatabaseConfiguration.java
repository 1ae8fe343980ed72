package io.vaultdrop.database.internal;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers {@link FailFastDataSource}. */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

  /** Static: a post-processor must not pull the configuration's other beans in early. */
  @Bean
  static FailFastDataSource failFastDataSource(ObjectProvider<DatabaseTimeouts> timeouts) {
    return new FailFastDataSource(timeouts);
  }
}
