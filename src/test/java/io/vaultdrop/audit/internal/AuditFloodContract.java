package io.vaultdrop.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.audit.AuditEvent;
import io.vaultdrop.audit.AuditEventType;
import io.vaultdrop.testsupport.MutableClock;
import io.vaultdrop.testsupport.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A flood of anonymous events (refused logins from many addresses) cannot push real events out of
 * the administrator's view: repeats share a row, and past the per-minute budget they are only
 * counted. Subclasses pick the database.
 */
abstract class AuditFloodContract {

  abstract TestDatabase database();

  MutableClock clock;
  JdbcClient jdbc;
  JdbcAuditLog audit;

  @BeforeEach
  void freshLog() {
    database().migrate();
    jdbc = JdbcClient.create(database().dataSource());
    jdbc.sql("DELETE FROM audit_events").update();
    clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    audit = new JdbcAuditLog(jdbc, clock);
  }

  long rows() {
    return jdbc.sql("SELECT COUNT(*) FROM audit_events").query(Long.class).single();
  }

  @Test
  void repeatsFromOneAddressAboutOneAccount_shareARow() {
    for (int i = 0; i < 500; i++) {
      audit.record(AuditEventType.LOGIN_FAILED, null, "anna@example.org", "203.0.113.7", null);
      clock.advance(Duration.ofMillis(100));
    }
    assertThat(rows()).isEqualTo(1);
    AuditEvent event = audit.latest(10).getFirst();
    assertThat(event.repeatCount()).isEqualTo(500);
    assertThat(event.lastOccurredAt()).isEqualTo(event.occurredAt().plusMillis(499 * 100));

    // After the window, a new row starts.
    clock.advance(Duration.ofMinutes(11));
    audit.record(AuditEventType.LOGIN_FAILED, null, "anna@example.org", "203.0.113.7", null);
    assertThat(rows()).isEqualTo(2);
  }

  @Test
  void aFloodFromManyAddresses_isCounted_andRealEventsStayInView() {
    audit.record(
        AuditEventType.USER_DISABLED, "admin@example.org", "bob@example.org", "10.0.0.1", null);
    for (int i = 0; i < 500; i++) {
      audit.record(
          AuditEventType.LOGIN_FAILED,
          null,
          "victim" + i + "@example.org",
          "198.51.100." + (i % 250),
          null);
    }
    audit.record(
        AuditEventType.ROLE_CHANGED, "admin@example.org", "carol@example.org", "10.0.0.1", null);

    assertThat(rows()).isLessThanOrEqualTo(JdbcAuditLog.ANONYMOUS_ROWS_PER_MINUTE + 3);
    List<AuditEvent> view = audit.latest(100);
    assertThat(view)
        .extracting(AuditEvent::type)
        .contains(AuditEventType.USER_DISABLED, AuditEventType.ROLE_CHANGED);
    AuditEvent suppressed =
        view.stream()
            .filter(e -> e.type() == AuditEventType.REPEATED_EVENTS_SUPPRESSED)
            .findFirst()
            .orElseThrow();
    // Every refused login is accounted for: listed, or counted on the suppression row.
    long listed = view.stream().filter(e -> e.type() == AuditEventType.LOGIN_FAILED).count();
    assertThat(listed + suppressed.repeatCount()).isEqualTo(500);

    // Signed-in administrators' actions are never folded, however many.
    for (int i = 0; i < 100; i++) {
      audit.record(
          AuditEventType.USER_ENABLED,
          "admin@example.org",
          "u" + i + "@example.org",
          "10.0.0.1",
          null);
    }
    assertThat(audit.latest(1000).stream().filter(e -> e.type() == AuditEventType.USER_ENABLED))
        .hasSize(100);
  }
}
