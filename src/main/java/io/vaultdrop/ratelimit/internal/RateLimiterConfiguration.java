package io.vaultdrop.ratelimit.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.vaultdrop.crypto.MasterKeyRing;
import io.vaultdrop.ratelimit.RateLimitProperties;
import io.vaultdrop.ratelimit.RateLimiter;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The one rate limiter of the application: in Redis when {@code VAULTDROP_REDIS_URL} is set,
 * otherwise in the database. Either way every node of a cluster counts against the same budgets;
 * there is no per-node limiter. Refusals are counted ({@link CountingRateLimiter}).
 */
@Configuration(proxyBeanMethods = false)
class RateLimiterConfiguration {

  @Bean
  RateLimiter rateLimiter(
      RateLimitProperties properties,
      JdbcTemplate jdbc,
      MasterKeyRing ring,
      Clock clock,
      MeterRegistry registry) {
    BudgetKeys keys = new BudgetKeys(ring);
    String redis = properties.redisUrl();
    RateLimiter store =
        redis != null
            ? RedisRateLimiter.connect(redis, properties.redisTimeout(), keys, clock)
            : new JdbcRateLimiter(jdbc, keys, clock);
    return new CountingRateLimiter(store, registry);
  }
}
