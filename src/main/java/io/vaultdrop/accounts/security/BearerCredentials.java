package io.vaultdrop.accounts.security;

import io.vaultdrop.accounts.apikeys.ApiKeyAuthentication;
import io.vaultdrop.accounts.apikeys.ApiKeyAuthenticator;
import io.vaultdrop.accounts.apikeys.ApiKeyFormat;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * The API chain's bearer check: a token starting with {@code vdk_} is a personal API key, anything
 * else a JWT from {@code POST /api/v1/auth/token}. A refused key is a 401 exactly like a refused
 * token; the exception names neither.
 */
final class BearerCredentials implements AuthenticationManager {

  private final AuthenticationProvider jwts;
  private final ApiKeyAuthenticator keys;

  BearerCredentials(AuthenticationProvider jwts, ApiKeyAuthenticator keys) {
    this.jwts = jwts;
    this.keys = keys;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    if (authentication instanceof BearerTokenAuthenticationToken bearer
        && ApiKeyFormat.isApiKey(bearer.getToken())) {
      return keys.authenticate(bearer.getToken())
          .map(ApiKeyAuthentication::new)
          .orElseThrow(() -> new InvalidBearerTokenException("API key not valid"));
    }
    return jwts.authenticate(authentication);
  }
}
