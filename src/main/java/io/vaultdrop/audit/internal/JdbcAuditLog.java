package io.vaultdrop.audit.internal;

import io.vaultdrop.audit.AuditEvent;
import io.vaultdrop.audit.AuditEventType;
import io.vaultdrop.audit.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
final class JdbcAuditLog implements AuditLog {

  private static final Logger log = LoggerFactory.getLogger("io.vaultdrop.audit");
  private static final int MAX_TEXT = 320;
  private static final int MAX_DETAIL = 500;
  private static final Pattern UNSAFE =
      Pattern.compile("[\\p{Cc}\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069]");

  private final JdbcClient jdbc;
  private final Clock clock;

  JdbcAuditLog(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public void record(
      AuditEventType type, String actor, String subject, String clientAddress, String detail) {
    String safeActor = clean(actor, MAX_TEXT);
    String safeSubject = clean(subject, MAX_TEXT);
    String safeAddress = clean(clientAddress, 64);
    jdbc.sql(
            """
            INSERT INTO audit_events
              (id, occurred_at, event_type, actor, subject, client_address, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        .params(
            UUID.randomUUID().toString(),
            clock.millis(),
            type.name(),
            safeActor,
            safeSubject,
            safeAddress,
            clean(detail, MAX_DETAIL))
        .update();
    log.info("{} actor={} subject={} client={}", type, safeActor, safeSubject, safeAddress);
  }

  @Override
  public List<AuditEvent> latest(int limit) {
    return jdbc.sql(
            """
            SELECT id, occurred_at, event_type, actor, subject, client_address, detail
            FROM audit_events ORDER BY occurred_at DESC, id LIMIT ?
            """)
        .param(Math.max(0, limit))
        .query(
            (rs, row) ->
                new AuditEvent(
                    rs.getString("id"),
                    Instant.ofEpochMilli(rs.getLong("occurred_at")),
                    AuditEventType.valueOf(rs.getString("event_type")),
                    rs.getString("actor"),
                    rs.getString("subject"),
                    rs.getString("client_address"),
                    rs.getString("detail")))
        .list();
  }

  /**
   * Keeps log lines and pages unforgeable: no control character (C0, C1 such as NEL), line or
   * paragraph separator, or bidirectional override survives.
   */
  static String clean(String text, int maxLength) {
    if (text == null) {
      return null;
    }
    String visible = UNSAFE.matcher(text).replaceAll("?");
    return visible.length() <= maxLength ? visible : visible.substring(0, maxLength);
  }
}
