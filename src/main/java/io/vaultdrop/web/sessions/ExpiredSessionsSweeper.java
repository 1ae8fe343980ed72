package io.vaultdrop.web.sessions;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.stereotype.Component;

/**
 * Deletes expired web sessions from the database every minute, on one node of a cluster at a time
 * (Spring Session's own cleanup timer is off: {@code spring.session.jdbc.cleanup-cron: "-"}, since
 * on every node at once the same range deletes would only contend for locks). It only reclaims
 * space: an expired session is refused when read, whether or not its row is still there.
 *
 * <p>Not final: ShedLock wraps it in a class-based proxy to take the lock.
 */
@Component
public class ExpiredSessionsSweeper {

  /** Absent where no web sessions exist (an application started without a web server). */
  private final ObjectProvider<JdbcIndexedSessionRepository> sessions;

  ExpiredSessionsSweeper(ObjectProvider<JdbcIndexedSessionRepository> sessions) {
    this.sessions = sessions;
  }

  @Scheduled(cron = "0 * * * * *")
  @SchedulerLock(name = "web-sessions-expired", lockAtMostFor = "PT10M", lockAtLeastFor = "PT20S")
  public void sweep() {
    sessions.ifAvailable(JdbcIndexedSessionRepository::cleanUpExpiredSessions);
  }
}
