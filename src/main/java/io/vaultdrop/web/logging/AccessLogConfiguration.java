package io.vaultdrop.web.logging;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Registers the access log ahead of every other filter so that refusals are logged too. */
@Configuration(proxyBeanMethods = false)
class AccessLogConfiguration {

  @Bean
  FilterRegistrationBean<AccessLogFilter> accessLogFilter() {
    FilterRegistrationBean<AccessLogFilter> registration =
        new FilterRegistrationBean<>(new AccessLogFilter());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    registration.addUrlPatterns("/*");
    return registration;
  }
}
