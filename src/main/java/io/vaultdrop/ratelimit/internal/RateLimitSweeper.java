package io.vaultdrop.ratelimit.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes the rows of full budgets (their "full again" instant has passed: the same as no row)
 * every ten minutes, on one node of a cluster at a time (ShedLock), in small batches so no
 * statement runs long. Nothing to do with Redis, where keys expire by themselves; old rows from
 * before a switch to Redis go too. Not final: ShedLock wraps it in a class-based proxy.
 */
@Component
public class RateLimitSweeper {

  private static final Logger log = LoggerFactory.getLogger(RateLimitSweeper.class);
  static final int BATCH = 500;

  private final JdbcTemplate jdbc;
  private final Clock clock;

  RateLimitSweeper(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT10M")
  @SchedulerLock(name = "rate-limit-sweep", lockAtMostFor = "PT10M")
  public void sweep() {
    try {
      int deleted = deleteFull();
      if (deleted > 0) {
        log.debug("Deleted {} full rate-limit budget(s)", deleted);
      }
    } catch (RuntimeException e) {
      log.warn("Rate-limit sweep failed; it runs again later: {}", e.toString());
    }
  }

  /** Deletes every row whose budget is full by now; returns how many. */
  int deleteFull() {
    long now = ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
    int deleted = 0;
    List<Object[]> page;
    do {
      page =
          jdbc.query(
              "SELECT policy, key_hash FROM rate_limit_buckets WHERE full_at_us < ? LIMIT " + BATCH,
              (rs, n) -> new Object[] {rs.getString(1), rs.getString(2), now},
              now);
      // Deleted only if still full: a node may have taken from it since.
      for (int count :
          jdbc.batchUpdate(
              "DELETE FROM rate_limit_buckets WHERE policy = ? AND key_hash = ? AND full_at_us < ?",
              page)) {
        deleted += Math.max(0, count);
      }
    } while (page.size() == BATCH);
    return deleted;
  }
}
