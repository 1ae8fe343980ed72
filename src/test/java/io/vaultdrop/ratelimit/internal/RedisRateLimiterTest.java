package io.vaultdrop.ratelimit.internal;

import io.vaultdrop.ratelimit.RateLimiter;
import io.vaultdrop.testsupport.MutableClock;
import io.vaultdrop.testsupport.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

class RedisRateLimiterTest extends RateLimiterContract {

  private List<RedisRateLimiter> opened;

  @Override
  protected RateLimiter node(MutableClock clock, BudgetKeys keys) {
    if (opened == null) {
      opened = new ArrayList<>();
    }
    RedisRateLimiter limiter =
        RedisRateLimiter.connect(TestRedis.url(), Duration.ofSeconds(2), keys, clock);
    opened.add(limiter);
    return limiter;
  }

  @AfterEach
  void close() {
    opened.forEach(RedisRateLimiter::close);
  }
}
