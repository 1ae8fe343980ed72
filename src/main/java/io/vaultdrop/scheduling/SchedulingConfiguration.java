package io.vaultdrop.scheduling;

import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Scheduled jobs that must run on one node at a time across a cluster sharing the database.
 *
 * <p>Features annotate a method with {@code @Scheduled(...)} and {@code @SchedulerLock(name = "…",
 * lockAtMostFor = "…")}; the lock lives in the {@code shedlock} table. Start-up sweeps call the
 * same method from an {@code ApplicationRunner}, so they are locked too. Set {@code
 * vaultdrop.scheduling.enabled=false} to run no scheduled job on a node (tests use it to drive
 * sweeps by hand).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(
    name = "vaultdrop.scheduling.enabled",
    havingValue = "true",
    matchIfMissing = true)
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "PT10M")
class SchedulingConfiguration {

  @Bean
  LockProvider lockProvider(DataSource dataSource) {
    return new JdbcTemplateLockProvider(
        JdbcTemplateLockProvider.Configuration.builder()
            .withJdbcTemplate(new JdbcTemplate(dataSource))
            .usingDbTime()
            .build());
  }
}
