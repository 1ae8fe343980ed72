package io.vaultdrop.accounts.apikeys;

import java.util.Set;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * The Spring Security authentication of a request made with an API key. Its principal is the key's
 * {@link io.vaultdrop.accounts.CurrentUser}, so controllers see the user as with any login; the
 * scope filter of the API chain reads {@link #scopes()}. Holds no secret.
 */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {

  private final AuthenticatedApiKey key;

  public ApiKeyAuthentication(AuthenticatedApiKey key) {
    super(key.user().authorities());
    this.key = key;
    setAuthenticated(true);
  }

  public Set<ApiKeyScope> scopes() {
    return key.scopes();
  }

  @Override
  public Object getPrincipal() {
    return key.user();
  }

  @Override
  public Object getCredentials() {
    return null;
  }

  @Override
  public String toString() {
    return "ApiKeyAuthentication[key=" + key.keyId() + ", user=" + key.user().id() + "]";
  }
}
