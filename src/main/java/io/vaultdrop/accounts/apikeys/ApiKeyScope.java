package io.vaultdrop.accounts.apikeys;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an API key may do, named as clients send and see them ({@code files:read}). Which endpoints
 * each scope opens is decided in one place, {@code apikeys.web.ApiKeyScopeRules}, and documented in
 * {@code docs/api-keys.md}. Stored by {@link #value()}: never rename one.
 */
public enum ApiKeyScope {
  SHARES_READ("shares:read"),
  SHARES_WRITE("shares:write"),
  FILES_READ("files:read"),
  FILES_WRITE("files:write"),
  TOOL("tool"),
  CAPSULES("capsules"),
  LIBRARY_READ("library:read"),
  LIBRARY_PUBLISH("library:publish"),
  UPLOADS("uploads");

  private final String value;

  ApiKeyScope(String value) {
    this.value = value;
  }

  /** The scope's name on the wire and in the database. */
  public String value() {
    return value;
  }

  /** The message key of the scope's description on pages. */
  public String messageKey() {
    return "apikeys.scope." + value.replace(':', '.');
  }

  public static Optional<ApiKeyScope> of(String value) {
    return Arrays.stream(values()).filter(scope -> scope.value.equals(value)).findFirst();
  }
}
