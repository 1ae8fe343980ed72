package io.vaultdrop.ratelimit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultdrop.config.InvalidSettingException;
import io.vaultdrop.crypto.MasterKey;
import io.vaultdrop.crypto.MasterKeyRing;
import io.vaultdrop.ratelimit.RateLimitPolicy;
import io.vaultdrop.testsupport.Eventually;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * A Redis of its own (a {@code redis-server} process on a free port) that goes away and comes back:
 * calls fail fast while it is gone (never let through) and work again once it is back.
 */
class RedisOutageTest {

  private static final RateLimitPolicy LOGINS =
      new RateLimitPolicy("outage-login", 5, Duration.ofMinutes(5));
  private static final Path SERVER = Path.of("/usr/bin/redis-server");

  @TempDir Path folder;

  @Test
  void redisGone_callsFailWithinTheTimeout_andWorkAgainWhenItIsBack() throws Exception {
    if (!Files.isExecutable(SERVER) && !"true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new TestAbortedException("no " + SERVER);
    }
    int port = freePort();
    BudgetKeys keys = new BudgetKeys(new MasterKeyRing(MasterKey.generate(), List.of()));
    Process redis = start(port);
    try (RedisRateLimiter limiter =
        RedisRateLimiter.connect(
            "redis://127.0.0.1:" + port, Duration.ofSeconds(1), keys, Clock.systemUTC())) {
      limiter.consume(LOGINS, "dave@example.org");

      stop(redis);
      long started = System.nanoTime();
      assertThatThrownBy(() -> limiter.consume(LOGINS, "dave@example.org"))
          .isInstanceOf(DataAccessResourceFailureException.class);
      // Generous: the bound is the 1 s timeout, the rest is a slow shared machine.
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

      redis = start(port);
      Eventually.eventually(() -> answers(limiter));
      limiter.consume(LOGINS, "dave@example.org");
    } finally {
      stop(redis);
    }
  }

  @Test
  void malformedUrl_isASettingError_thatDoesNotQuoteThePassword() {
    BudgetKeys keys = new BudgetKeys(new MasterKeyRing(MasterKey.generate(), List.of()));
    assertThatThrownBy(
            () ->
                RedisRateLimiter.connect(
                    "redis://:s3cret-pass@[not a host",
                    Duration.ofSeconds(1),
                    keys,
                    Clock.systemUTC()))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("VAULTDROP_REDIS_URL")
        .hasMessageNotContaining("s3cret")
        .hasNoCause();
  }

  private static boolean answers(RedisRateLimiter limiter) {
    try {
      limiter.ensureAvailable(LOGINS, "dave@example.org");
      return true;
    } catch (DataAccessResourceFailureException stillDown) {
      return false;
    }
  }

  private Process start(int port) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(
                SERVER.toString(),
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                folder.toString())
            .redirectErrorStream(true)
            .redirectOutput(folder.resolve("redis.log").toFile())
            .start();
    for (int i = 0; i < 100; i++) {
      try (var socket = new java.net.Socket("127.0.0.1", port)) {
        return process;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("redis-server did not start");
  }

  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
