package io.vaultdrop.ratelimit.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vaultdrop.crypto.MasterKey;
import io.vaultdrop.crypto.MasterKeyRing;
import io.vaultdrop.database.VendorPlaceholders;
import io.vaultdrop.ratelimit.RateLimitPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The cost of one allowed {@code consume} on the embedded H2 (file mode in a temporary folder, as
 * the default deployment) through {@link JdbcRateLimiter}, next to the in-process Bucket4j buckets
 * the single-node default used before budgets moved into the database ({@code memory}: {@link
 * InMemoryBuckets}, that limiter's code). Keys cycle through {@code keys} distinct ones; the
 * capacity is so large that every attempt is allowed (the common path: one UPDATE).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1)
public class RateLimiterBenchmark {

  private static final RateLimitPolicy POLICY =
      new RateLimitPolicy("bench", 1_000_000_000L, Duration.ofHours(1));

  @Param({"h2-file", "memory"})
  public String store;

  @Param({"10000"})
  public int keys;

  private Path folder;
  private HikariDataSource dataSource;
  private io.vaultdrop.ratelimit.RateLimiter limiter;
  private String[] names;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    BudgetKeys budgetKeys = new BudgetKeys(new MasterKeyRing(MasterKey.generate(), List.of()));
    names = new String[keys];
    for (int i = 0; i < keys; i++) {
      names[i] = "user-" + i + "@example.org";
    }
    if (store.equals("memory")) {
      limiter = new InMemoryBuckets();
      return;
    }
    folder = Files.createTempDirectory("rate-limit-bench");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:file:" + folder.resolve("db/vaultdrop"));
    config.setUsername("vaultdrop");
    config.setPassword("");
    dataSource = new HikariDataSource(config);
    FluentConfiguration flyway =
        org.flywaydb.core.Flyway.configure()
            .dataSource(dataSource)
            .locations("classpath:db/migration");
    new VendorPlaceholders().customize(flyway);
    flyway.load().migrate();
    limiter = new JdbcRateLimiter(new JdbcTemplate(dataSource), budgetKeys, Clock.systemUTC());
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    if (dataSource != null) {
      dataSource.close();
      try (var files = Files.walk(folder)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Benchmark
  public void consume() {
    limiter.consume(POLICY, names[next]);
    next = (next + 1) % keys;
  }
}
