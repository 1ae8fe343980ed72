package io.vaultdrop.audit;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Append-only store of security events, readable by administrators. */
public interface AuditLog {

  /** Records an event now. Control characters in any text are neutralised before storing. */
  void record(
      AuditEventType type, String actor, String subject, String clientAddress, String detail);

  /** The most recent events first, at most {@code limit} of them. */
  default List<AuditEvent> latest(int limit) {
    return find(AuditQuery.ALL, limit);
  }

  /** The most recent events that match {@code query} first, at most {@code limit} of them. */
  List<AuditEvent> find(AuditQuery query, int limit);

  /**
   * Which events an administrator looks for: of one type (or any), and concerning any of some
   * parties (an account's id and its e-mail address, or any text stored as actor or subject).
   */
  record AuditQuery(@Nullable AuditEventType type, List<String> parties) {

    public static final AuditQuery ALL = new AuditQuery(null, List.of());

    public AuditQuery {
      parties = List.copyOf(parties);
    }
  }
}
