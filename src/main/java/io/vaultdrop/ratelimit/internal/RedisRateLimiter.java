package io.vaultdrop.ratelimit.internal;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.vaultdrop.config.InvalidSettingException;
import io.vaultdrop.ratelimit.RateLimitPolicy;
import io.vaultdrop.ratelimit.RateLimitedException;
import io.vaultdrop.ratelimit.RateLimiter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Budgets in Redis ({@code VAULTDROP_REDIS_URL}): Bucket4j buckets through Lettuce, updated by
 * compare-and-swap scripts, each key expiring once its bucket is full again. Keys are {@code
 * vaultdrop:rate-limit:<policy>:<keyed hash>}. Every Redis failure (unreachable, over {@code
 * VAULTDROP_REDIS_TIMEOUT}) is thrown as a {@link DataAccessResourceFailureException}: fail closed,
 * answered 503, as with the database.
 */
final class RedisRateLimiter implements RateLimiter, AutoCloseable {

  private static final String PREFIX = "vaultdrop:rate-limit:";

  private final RedisClient client;
  private final StatefulRedisConnection<byte[], byte[]> connection;
  private final ProxyManager<byte[]> buckets;
  private final BudgetKeys keys;

  private RedisRateLimiter(
      RedisClient client,
      StatefulRedisConnection<byte[], byte[]> connection,
      ProxyManager<byte[]> buckets,
      BudgetKeys keys) {
    this.client = client;
    this.connection = connection;
    this.buckets = buckets;
    this.keys = keys;
  }

  /**
   * Connects at once, so a wrong URL stops the start; later outages make calls fail within {@code
   * timeout} (commands are refused, not queued, while the connection is down) and Lettuce
   * reconnects by itself.
   */
  static RedisRateLimiter connect(String url, Duration timeout, BudgetKeys keys, Clock clock) {
    RedisURI uri;
    try {
      uri = RedisURI.create(url);
    } catch (RuntimeException malformed) {
      // Not chained: Lettuce's message may quote the URL, password included.
      throw new InvalidSettingException(
          "VAULTDROP_REDIS_URL", "must be a URL such as redis://host:6379 or rediss://host:6379");
    }
    uri.setTimeout(timeout);
    RedisClient client = RedisClient.create(uri);
    client.setOptions(
        ClientOptions.builder()
            .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
            .timeoutOptions(TimeoutOptions.enabled(timeout))
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .build());
    try {
      StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
      ProxyManager<byte[]> buckets =
          Bucket4jLettuce.casBasedBuilder(connection)
              .expirationAfterWrite(
                  ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                      Duration.ofSeconds(10)))
              .requestTimeout(timeout)
              .clientClock(new ClockTimeMeter(clock))
              .build();
      return new RedisRateLimiter(client, connection, buckets, keys);
    } catch (RuntimeException e) {
      client.shutdown();
      throw new IllegalStateException(
          "Cannot connect to Redis at VAULTDROP_REDIS_URL (" + uri.getHost() + ")", e);
    }
  }

  @Override
  public void consume(RateLimitPolicy policy, String key) {
    ConsumptionProbe probe = call(() -> bucket(policy, key).tryConsumeAndReturnRemaining(1));
    if (!probe.isConsumed()) {
      throw new RateLimitedException(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
  }

  @Override
  public void ensureAvailable(RateLimitPolicy policy, String key) {
    EstimationProbe estimate = call(() -> bucket(policy, key).estimateAbilityToConsume(1));
    if (!estimate.canBeConsumed()) {
      throw new RateLimitedException(Duration.ofNanos(estimate.getNanosToWaitForRefill()));
    }
  }

  @Override
  public void refund(RateLimitPolicy policy, String key) {
    call(
        () -> {
          bucket(policy, key).addTokens(1);
          return null;
        });
  }

  @Override
  public void reset(RateLimitPolicy policy, String key) {
    call(
        () -> {
          buckets.removeProxy(redisKey(policy, key));
          return null;
        });
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown();
  }

  private BucketProxy bucket(RateLimitPolicy policy, String key) {
    BucketConfiguration configuration =
        BucketConfiguration.builder()
            .addLimit(
                Bandwidth.builder()
                    .capacity(policy.capacity())
                    .refillGreedy(policy.capacity(), policy.period())
                    .build())
            .build();
    return buckets.getProxy(redisKey(policy, key), () -> configuration);
  }

  private byte[] redisKey(RateLimitPolicy policy, String key) {
    return (PREFIX + policy.name() + ":" + keys.of(key)).getBytes(StandardCharsets.UTF_8);
  }

  private static <T> T call(Supplier<T> operation) {
    try {
      return operation.get();
    } catch (RateLimitedException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new DataAccessResourceFailureException("Rate-limit store (Redis) failed", e);
    }
  }

  /** Bucket4j's time from the application clock (tests move it instead of sleeping). */
  private record ClockTimeMeter(Clock clock) implements TimeMeter {

    @Override
    public long currentTimeNanos() {
      return ChronoUnit.NANOS.between(Instant.EPOCH, clock.instant());
    }

    @Override
    public boolean isWallClockBased() {
      return true;
    }
  }
}
