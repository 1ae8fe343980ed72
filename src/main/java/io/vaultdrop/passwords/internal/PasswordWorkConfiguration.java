package io.vaultdrop.passwords.internal;

import io.vaultdrop.passwords.PasswordWork;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one password-check pool of the node, sized from the cores unless configured. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PasswordWorkProperties.class)
class PasswordWorkConfiguration {

  /** Closed with the context: its platform threads stop. */
  @Bean
  PasswordWork passwordWork(PasswordWorkProperties properties) {
    int threads =
        properties.threads() > 0
            ? properties.threads()
            : Math.max(1, Runtime.getRuntime().availableProcessors());
    int queue = properties.queue() >= 0 ? properties.queue() : 4 * threads;
    return new PasswordWork(threads, queue);
  }
}
