package io.vaultdrop.audit;

import java.time.Instant;

/**
 * One recorded security event.
 *
 * @param actor who acted (an e-mail address or user id), or {@code null} for the system
 * @param subject what was acted on (an e-mail address or user id), or {@code null}
 * @param clientAddress the client's address as resolved behind trusted proxies, or {@code null}
 * @param detail short free text; callers must never put passwords, tokens or keys here
 * @param repeatCount how many events this row stands for (anonymous events repeated from one
 *     address about one subject within minutes share a row)
 * @param lastOccurredAt when the last of them happened
 */
public record AuditEvent(
    String id,
    Instant occurredAt,
    AuditEventType type,
    String actor,
    String subject,
    String clientAddress,
    String detail,
    int repeatCount,
    Instant lastOccurredAt) {}
