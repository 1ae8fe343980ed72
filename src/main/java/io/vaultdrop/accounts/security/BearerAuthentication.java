package io.vaultdrop.accounts.security;

import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.accounts.internal.StoredUser;
import io.vaultdrop.accounts.internal.UserRepository;
import java.time.Instant;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Turns a valid bearer token into the signed-in user, from the database rather than from the token:
 * a deleted or disabled account, or one whose credentials changed since the token was issued, is
 * refused; the role is always the current one.
 */
final class BearerAuthentication implements Converter<Jwt, AbstractAuthenticationToken> {

  private final UserRepository users;

  BearerAuthentication(UserRepository users) {
    this.users = users;
  }

  @Override
  public AbstractAuthenticationToken convert(Jwt jwt) {
    StoredUser user =
        users
            .findById(jwt.getSubject())
            .filter(StoredUser::enabled)
            .filter(u -> u.credentialsChangedAt().toEpochMilli() == credentialsVersion(jwt))
            .orElseThrow(() -> new InvalidBearerTokenException("token no longer valid"));
    Instant issuedAt = jwt.getIssuedAt() == null ? Instant.EPOCH : jwt.getIssuedAt();
    CurrentUser current =
        new CurrentUser(
            user.id(),
            user.email(),
            user.role(),
            user.emailVerified(),
            user.credentialsChangedAt().toEpochMilli(),
            issuedAt);
    return UsernamePasswordAuthenticationToken.authenticated(current, null, current.authorities());
  }

  private static long credentialsVersion(Jwt jwt) {
    Object cv = jwt.getClaim(ApiTokens.CREDENTIALS_VERSION);
    return cv instanceof Number number ? number.longValue() : Long.MIN_VALUE;
  }
}
