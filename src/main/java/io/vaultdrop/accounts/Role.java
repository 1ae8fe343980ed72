package io.vaultdrop.accounts;

/** What a signed-in user may do. Stored by name: never rename a constant. */
public enum Role {
  /** A "client user": vault, encrypt tool, own share links, the library. */
  MEMBER,
  /** An "operations user": additionally publishes documents to the library. */
  OPERATOR,
  /** Manages users and roles, reads the audit log and statistics. */
  ADMIN;

  /** The Spring Security authority for this role, e.g. {@code ROLE_ADMIN}. */
  public String authority() {
    return "ROLE_" + name();
  }
}
