package io.vaultdrop.accounts.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vaultdrop.accounts.CurrentUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Short-lived API bearer tokens: compact JWS, HS256 only, under a key derived from the master key
 * (every node sharing the master key accepts them). Claims: {@code iss}, {@code aud}, {@code sub}
 * (user id), {@code iat}, {@code exp}, {@code jti} and {@code cv}, the account's credentials
 * version: a password, role or status change makes every older token invalid.
 *
 * <p>The decoder accepts nothing but HS256 under this key: {@code alg:none}, other algorithms,
 * embedded or remote keys ({@code jwk}, {@code jku}, {@code x5u}) are never consulted.
 */
final class ApiTokens {

  static final String ISSUER = "vaultdrop";
  static final String AUDIENCE = "vaultdrop-api";
  static final String CREDENTIALS_VERSION = "cv";

  private final SecretKey key;
  private final Duration lifetime;
  private final Clock clock;

  ApiTokens(SecretKey key, Duration lifetime, Clock clock) {
    this.key = key;
    this.lifetime = lifetime;
    this.clock = clock;
  }

  record Issued(String value, Duration expiresIn) {
    @Override
    public String toString() {
      return "Issued[expiresIn=" + expiresIn + "]";
    }
  }

  Issued issue(CurrentUser user) {
    Instant now = clock.instant();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .audience(AUDIENCE)
            .subject(user.id())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(lifetime)))
            .jwtID(UUID.randomUUID().toString())
            .claim(CREDENTIALS_VERSION, user.credentialsVersion())
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
    try {
      jwt.sign(new MACSigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("could not sign an API token", e);
    }
    return new Issued(jwt.serialize(), lifetime);
  }

  JwtDecoder decoder() {
    NimbusJwtDecoder decoder =
        NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
    JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ofSeconds(5));
    timestamps.setClock(clock);
    List<OAuth2TokenValidator<Jwt>> validators =
        List.of(
            timestamps,
            // Only what issue() writes: typ JWT. Setting validators replaces Spring's defaults,
            // which would otherwise have checked the type.
            new JwtTypeValidator("JWT"),
            new JwtIssuerValidator(ISSUER),
            new JwtClaimValidator<List<String>>(
                "aud", aud -> aud != null && aud.contains(AUDIENCE)),
            new JwtClaimValidator<Object>("exp", exp -> exp != null),
            new JwtClaimValidator<Object>(CREDENTIALS_VERSION, cv -> cv instanceof Number),
            new JwtClaimValidator<String>("sub", sub -> sub != null && !sub.isBlank()));
    decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
    return decoder;
  }
}
