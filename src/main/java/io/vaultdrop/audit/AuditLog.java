package io.vaultdrop.audit;

import java.util.List;

/** Append-only store of security events, readable by administrators. */
public interface AuditLog {

  /** Records an event now. Control characters in any text are neutralised before storing. */
  void record(
      AuditEventType type, String actor, String subject, String clientAddress, String detail);

  /** The most recent events first, at most {@code limit} of them. */
  List<AuditEvent> latest(int limit);
}
