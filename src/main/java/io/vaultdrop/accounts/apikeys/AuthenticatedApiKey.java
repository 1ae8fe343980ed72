package io.vaultdrop.accounts.apikeys;

import io.vaultdrop.accounts.CurrentUser;
import java.util.Set;

/** A request authenticated by a valid API key: whose it is and what it may do. */
public record AuthenticatedApiKey(String keyId, CurrentUser user, Set<ApiKeyScope> scopes) {

  public AuthenticatedApiKey {
    scopes = Set.copyOf(scopes);
  }
}
