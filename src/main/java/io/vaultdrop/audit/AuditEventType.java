package io.vaultdrop.audit;

/** Security-relevant events worth keeping. Stored by name: never rename a constant. */
public enum AuditEventType {
  LOGIN_SUCCEEDED,
  LOGIN_FAILED,
  LOGIN_THROTTLED,
  LOGOUT,
  TOKEN_ISSUED,
  REGISTERED,
  EMAIL_VERIFIED,
  VERIFICATION_RESENT,
  PASSWORD_CHANGED,
  ACCOUNT_DELETED,
  USER_CREATED,
  ROLE_CHANGED,
  USER_DISABLED,
  USER_ENABLED,
  USER_DELETED,
  ADMIN_BOOTSTRAPPED,
  VAULT_KEYS_REWRAPPED
}
