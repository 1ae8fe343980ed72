package io.vaultdrop.audit.internal;

import io.vaultdrop.audit.AuditEvent;
import io.vaultdrop.audit.AuditEventType;
import io.vaultdrop.audit.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
final class JdbcAuditLog implements AuditLog {

  private static final Logger log = LoggerFactory.getLogger("io.vaultdrop.audit");
  private static final int MAX_TEXT = 320;
  private static final int MAX_DETAIL = 500;

  /** Repeats of one anonymous event (type, subject, address) within this window share a row. */
  static final Duration REPEAT_WINDOW = Duration.ofMinutes(10);

  /** New rows of anonymous events per minute, cluster-wide, before they are only counted. */
  static final int ANONYMOUS_ROWS_PER_MINUTE = 60;

  private static final String ANONYMOUS_TYPES =
      Arrays.stream(AuditEventType.values())
          .filter(AuditEventType::anonymous)
          .map(t -> "'" + t.name() + "'")
          .collect(Collectors.joining(", "));
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
    String safeDetail = clean(detail, MAX_DETAIL);
    long now = clock.millis();
    if (type.anonymous()
        && !recordAnonymous(type, safeActor, safeSubject, safeAddress, safeDetail, now)) {
      log.debug(
          "{} actor={} subject={} client={} (counted on an earlier row)",
          type,
          safeActor,
          safeSubject,
          safeAddress);
      return;
    }
    insert(type, safeActor, safeSubject, safeAddress, safeDetail, now);
    log.info("{} actor={} subject={} client={}", type, safeActor, safeSubject, safeAddress);
  }

  /**
   * Counts a repeat of an anonymous event on the row of the same event (type, actor, subject,
   * address, detail) from the last {@link #REPEAT_WINDOW}, or, past {@link
   * #ANONYMOUS_ROWS_PER_MINUTE} new rows of anonymous events in the last minute (cluster-wide, the
   * database counts), on this minute's suppression row.
   *
   * @return whether the event still needs a row of its own
   */
  private boolean recordAnonymous(
      AuditEventType type, String actor, String subject, String address, String detail, long now) {
    if (countOn(type, actor, subject, address, detail, now - REPEAT_WINDOW.toMillis(), now)) {
      return false;
    }
    long recent =
        jdbc.sql(
                "SELECT COUNT(*) FROM audit_events WHERE occurred_at > ? AND event_type IN ("
                    + ANONYMOUS_TYPES
                    + ")")
            .param(now - Duration.ofMinutes(1).toMillis())
            .query(Long.class)
            .single();
    if (recent < ANONYMOUS_ROWS_PER_MINUTE) {
      return true;
    }
    AuditEventType suppressed = AuditEventType.REPEATED_EVENTS_SUPPRESSED;
    String why =
        "More than " + ANONYMOUS_ROWS_PER_MINUTE + " anonymous events in a minute; counted here.";
    if (!countOn(suppressed, null, null, null, why, now - Duration.ofMinutes(1).toMillis(), now)) {
      insert(suppressed, null, null, null, why, now);
      log.warn(
          "Anonymous audit events beyond {} per minute are counted, not listed",
          ANONYMOUS_ROWS_PER_MINUTE);
    }
    return false;
  }

  /**
   * Adds one to the newest row since {@code since} with the same type, actor, subject, address and
   * detail (an event that differs in any of them keeps a row of its own); false when there is none.
   */
  private boolean countOn(
      AuditEventType type,
      String actor,
      String subject,
      String address,
      String detail,
      long since,
      long now) {
    List<String> ids =
        jdbc.sql(
                "SELECT id FROM audit_events WHERE event_type = ? AND occurred_at > ?"
                    + " AND COALESCE(actor, '') = ? AND COALESCE(subject, '') = ?"
                    + " AND COALESCE(client_address, '') = ? AND COALESCE(detail, '') = ?"
                    + " ORDER BY occurred_at DESC LIMIT 1")
            .params(
                type.name(),
                since,
                orEmpty(actor),
                orEmpty(subject),
                orEmpty(address),
                orEmpty(detail))
            .query(String.class)
            .list();
    if (ids.isEmpty()) {
      return false;
    }
    jdbc.sql("UPDATE audit_events SET repeat_count = repeat_count + 1, last_at = ? WHERE id = ?")
        .params(now, ids.getFirst())
        .update();
    return true;
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }

  private void insert(
      AuditEventType type, String actor, String subject, String address, String detail, long now) {
    jdbc.sql(
            """
            INSERT INTO audit_events
              (id, occurred_at, event_type, actor, subject, client_address, detail, repeat_count,
               last_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)
            """)
        .params(
            UUID.randomUUID().toString(), now, type.name(), actor, subject, address, detail, now)
        .update();
  }

  @Override
  public List<AuditEvent> find(AuditQuery query, int limit) {
    StringBuilder where = new StringBuilder();
    List<Object> params = new ArrayList<>();
    if (query.type() != null) {
      where.append(" AND event_type = ?");
      params.add(query.type().name());
    }
    if (!query.parties().isEmpty()) {
      String marks = String.join(", ", Collections.nCopies(query.parties().size(), "?"));
      where.append(" AND (actor IN (").append(marks).append(") OR subject IN (").append(marks);
      where.append("))");
      params.addAll(query.parties());
      params.addAll(query.parties());
    }
    params.add(Math.max(0, limit));
    return jdbc.sql(
            """
            SELECT id, occurred_at, event_type, actor, subject, client_address, detail,
                   repeat_count, last_at
            FROM audit_events WHERE 1 = 1"""
                + where
                + " ORDER BY occurred_at DESC, id LIMIT ?")
        .params(params)
        .query(
            (rs, row) ->
                new AuditEvent(
                    rs.getString("id"),
                    Instant.ofEpochMilli(rs.getLong("occurred_at")),
                    AuditEventType.valueOf(rs.getString("event_type")),
                    rs.getString("actor"),
                    rs.getString("subject"),
                    rs.getString("client_address"),
                    rs.getString("detail"),
                    rs.getInt("repeat_count"),
                    Instant.ofEpochMilli(
                        rs.getObject("last_at") == null
                            ? rs.getLong("occurred_at")
                            : rs.getLong("last_at"))))
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
