package io.vaultdrop.web.errors;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Registers {@link CommittedFailureFilter} around everything but the access log. */
@Configuration(proxyBeanMethods = false)
class CommittedFailureConfiguration {

  @Bean
  FilterRegistrationBean<CommittedFailureFilter> committedFailureFilter() {
    FilterRegistrationBean<CommittedFailureFilter> registration =
        new FilterRegistrationBean<>(new CommittedFailureFilter());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    registration.addUrlPatterns("/*");
    return registration;
  }
}
