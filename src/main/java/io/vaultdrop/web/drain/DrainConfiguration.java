package io.vaultdrop.web.drain;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Graceful drain of transfers on shutdown ({@link TransferDrain}). */
@Configuration(proxyBeanMethods = false)
class DrainConfiguration implements WebMvcConfigurer {

  private final TransferDrain drain;

  DrainConfiguration(
      @Value("${spring.lifecycle.timeout-per-shutdown-phase:30s}") Duration shutdownPhase) {
    this.drain = new TransferDrain(shutdownPhase);
  }

  @Bean
  TransferDrain transferDrain() {
    return drain;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new DrainInterceptor(drain));
  }
}
