package io.vaultdrop.web;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat writes a response through an 8 KiB buffer per connection by default, so a download costs a
 * system call per 8 KiB; with 64 KiB a 1 GiB download runs nearly twice as fast (see {@code
 * docs/benchmarks.md}). The read side stays at its default: measured, a larger read buffer gained
 * nothing for uploads.
 *
 * <p>The buffer is held by every open connection, which is why {@code
 * server.tomcat.max-connections} is bounded in {@code application.yml}.
 */
@Configuration(proxyBeanMethods = false)
class TomcatBuffers {

  static final int WRITE_BUFFER_SIZE = 64 * 1024;

  @Bean
  TomcatConnectorCustomizer largeWriteBuffer() {
    return connector ->
        connector.setProperty("socket.appWriteBufSize", Integer.toString(WRITE_BUFFER_SIZE));
  }
}
