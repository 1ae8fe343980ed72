package io.vaultdrop.audit;

/** Security-relevant events worth keeping. Stored by name: never rename a constant. */
public enum AuditEventType {
  LOGIN_SUCCEEDED,
  LOGIN_FAILED(true),
  LOGIN_THROTTLED(true),
  LOGOUT,
  TOKEN_ISSUED,
  REGISTERED(true),
  EMAIL_VERIFIED,
  VERIFICATION_RESENT(true),
  PASSWORD_CHANGED,
  ACCOUNT_DELETED,
  USER_CREATED,
  ROLE_CHANGED,
  USER_DISABLED,
  USER_ENABLED,
  USER_DELETED,
  ADMIN_BOOTSTRAPPED,
  VAULT_KEYS_REWRAPPED,
  LIBRARY_DOCUMENT_PUBLISHED,
  LIBRARY_DOCUMENT_REPLACED,
  LIBRARY_DOCUMENT_REMOVED,
  /** A reset mail went out on an anonymous request (subject: the account's address). */
  PASSWORD_RESET_REQUESTED(true),
  /** A password was set with a reset link. */
  PASSWORD_RESET,
  /** An administrator mailed a user a reset link. */
  PASSWORD_RESET_SENT,
  /** An unverified account was deleted after its verification lifetime; its address is free. */
  REGISTRATION_EXPIRED,
  /** A user created a personal API key (detail: key id and scopes). */
  API_KEY_CREATED,
  /** A user revoked one of their API keys. */
  API_KEY_REVOKED,
  /** An administrator revoked a user's API key (actor: the administrator). */
  API_KEY_REVOKED_BY_ADMIN,
  /** Anonymous events beyond the per-minute budget, counted on one row. */
  REPEATED_EVENTS_SUPPRESSED;

  private final boolean anonymous;

  AuditEventType() {
    this(false);
  }

  AuditEventType(boolean anonymous) {
    this.anonymous = anonymous;
  }

  /**
   * Whether anyone, signed in or not, can cause this event at will: such events are aggregated so
   * that a flood of them cannot push other events out of view.
   */
  public boolean anonymous() {
    return anonymous;
  }
}
