package io.vaultdrop.accounts.security;

import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.audit.AuditEventType;
import io.vaultdrop.audit.AuditLog;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.ratelimit.RateLimitedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

/**
 * {@code POST /api/v1/auth/token}: throttled password check, then a bearer token. Unknown address,
 * wrong password and disabled account all answer {@code 401 invalid_credentials}; only the right
 * password on an unverified address answers {@code 403 email_not_verified}.
 */
@Component
public final class TokenIssuer {

  private final PasswordAuthentication passwords;
  private final LoginThrottle throttle;
  private final ApiTokens tokens;
  private final AuditLog audit;

  TokenIssuer(
      PasswordAuthentication passwords, LoginThrottle throttle, ApiTokens tokens, AuditLog audit) {
    this.passwords = passwords;
    this.throttle = throttle;
    this.tokens = tokens;
    this.audit = audit;
  }

  /** The token endpoint's response body. */
  public record TokenResponse(String accessToken, String tokenType, long expiresIn) {
    @Override
    public String toString() {
      return "TokenResponse[tokenType=" + tokenType + ", expiresIn=" + expiresIn + "]";
    }
  }

  public TokenResponse issue(String email, String password, String clientAddress) {
    try {
      throttle.begin(email, clientAddress);
    } catch (RateLimitedException e) {
      audit.record(AuditEventType.LOGIN_THROTTLED, email, null, clientAddress, "api");
      throw e;
    }
    CurrentUser user;
    try {
      user = CurrentUser.of(passwords.authenticate(email, password)).orElseThrow();
    } catch (EmailNotVerifiedException e) {
      throttle.succeeded(email, clientAddress); // the password was right
      throw new DomainException(ErrorCode.EMAIL_NOT_VERIFIED, "problem.email-not-verified");
    } catch (PasswordChecksBusyException e) {
      throttle.succeeded(email, clientAddress); // not a guess: nothing was checked
      throw e.busy(); // 429 busy with Retry-After
    } catch (AuthenticationException e) {
      audit.record(AuditEventType.LOGIN_FAILED, email, null, clientAddress, "api");
      throw new DomainException(
          ErrorCode.INVALID_CREDENTIALS, "problem.account.invalid-credentials");
    }
    throttle.succeeded(email, clientAddress);
    audit.record(AuditEventType.TOKEN_ISSUED, user.id(), null, clientAddress, "api");
    ApiTokens.Issued issued = tokens.issue(user);
    return new TokenResponse(issued.value(), "Bearer", issued.expiresIn().toSeconds());
  }
}
