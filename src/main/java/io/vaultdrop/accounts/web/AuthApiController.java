package io.vaultdrop.accounts.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vaultdrop.accounts.Account;
import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.security.TokenIssuer;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.ratelimit.ClientAddresses;
import io.vaultdrop.ratelimit.RateLimitPolicy;
import io.vaultdrop.ratelimit.RateLimiter;
import io.vaultdrop.web.ApiContract;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Registration, e-mail verification, password reset and API tokens ({@code /api/v1/auth}). */
@RestController
@RequestMapping("/api/v1/auth")
@Tag(
    name = "Accounts",
    description =
        "Registration, e-mail verification, password reset, access tokens and the caller's own"
            + " account.")
class AuthApiController {

  static final RateLimitPolicy REGISTRATIONS =
      new RateLimitPolicy("register-address", 10, Duration.ofHours(1));
  static final RateLimitPolicy RESENDS =
      new RateLimitPolicy("resend-address", 5, Duration.ofHours(1));
  static final RateLimitPolicy PASSWORD_RESETS =
      new RateLimitPolicy("password-reset-address", 10, Duration.ofHours(1));
  static final RateLimitPolicy PASSWORD_RESET_CONFIRMS =
      new RateLimitPolicy("password-reset-confirm-address", 30, Duration.ofHours(1));

  private final AccountService accounts;
  private final TokenIssuer tokens;
  private final RateLimiter limiter;
  private final ClientAddresses addresses;

  AuthApiController(
      AccountService accounts, TokenIssuer tokens, RateLimiter limiter, ClientAddresses addresses) {
    this.accounts = accounts;
    this.tokens = tokens;
    this.limiter = limiter;
    this.addresses = addresses;
  }

  record Credentials(
      @NotNull @Size(max = 320) String email, @NotNull @Size(max = 1024) String password) {
    @Override
    public String toString() {
      return "Credentials[email=" + email + "]";
    }
  }

  record TokenRequest(@NotNull @Size(max = 256) String token) {
    @Override
    public String toString() {
      return "TokenRequest[<hidden>]";
    }
  }

  record EmailRequest(@NotNull @Size(max = 320) String email) {}

  record PasswordResetConfirmation(
      @NotNull @Size(max = 256) String token, @NotNull @Size(max = 1024) String password) {
    @Override
    public String toString() {
      return "PasswordResetConfirmation[<hidden>]";
    }
  }

  record RegisteredView(String id, String email, String role, boolean emailVerified) {}

  @PostMapping("/register")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      operationId = "register",
      summary = "Register an account",
      description = "A verification e-mail is sent; passwords under 12 characters are weak.")
  @ApiContract(
      problems = {
        ErrorCode.INVALID_EMAIL,
        ErrorCode.WEAK_PASSWORD,
        ErrorCode.EMAIL_TAKEN,
        ErrorCode.RATE_LIMITED,
        ErrorCode.PASSWORD_CHECKS_BUSY
      })
  RegisteredView register(@Valid @RequestBody Credentials body, HttpServletRequest request) {
    String address = addresses.of(request);
    limiter.consume(REGISTRATIONS, ClientAddresses.budgetKey(address));
    Account account = accounts.register(body.email(), body.password(), address);
    return new RegisteredView(
        account.id(), account.email(), account.role().name(), account.emailVerified());
  }

  @PostMapping("/verify-email")
  @Operation(operationId = "verifyEmail", summary = "Verify an e-mail address with its token")
  @ApiContract(problems = ErrorCode.INVALID_TOKEN)
  AccountView verifyEmail(@Valid @RequestBody TokenRequest body, HttpServletRequest request) {
    return AccountView.of(accounts.verifyEmail(body.token(), addresses.of(request)));
  }

  /** Always 202: the answer never tells whether the address has an account. */
  @PostMapping("/resend-verification")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(
      operationId = "resendVerification",
      summary = "Send the verification e-mail again",
      description = "Always 202: the answer never tells whether the address has an account.")
  @ApiResponse(responseCode = "202", description = "Accepted")
  @ApiContract(problems = ErrorCode.RATE_LIMITED)
  void resend(@Valid @RequestBody EmailRequest body, HttpServletRequest request) {
    String address = addresses.of(request);
    limiter.consume(RESENDS, ClientAddresses.budgetKey(address));
    accounts.resendVerification(body.email(), address);
  }

  /**
   * Always 202, at once: whether the address has an account, and whether a mail went out, is never
   * told (the work happens after the answer).
   */
  @PostMapping("/password-reset")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(
      operationId = "requestPasswordReset",
      summary = "Mail a password reset link",
      description =
          "Always 202: the answer never tells whether the address has an account. The link's"
              + " token is valid for at most one hour, once.")
  @ApiResponse(responseCode = "202", description = "Accepted")
  @ApiContract(problems = ErrorCode.RATE_LIMITED)
  void requestPasswordReset(@Valid @RequestBody EmailRequest body, HttpServletRequest request) {
    String address = addresses.of(request);
    limiter.consume(PASSWORD_RESETS, ClientAddresses.budgetKey(address));
    accounts.requestPasswordReset(body.email(), address);
  }

  /** Sets the new password; every earlier session and bearer token of the account ends. */
  @PostMapping("/password-reset/confirm")
  @Operation(
      operationId = "confirmPasswordReset",
      summary = "Set a new password with a reset token",
      description = "Every earlier session and token of the account stops working.")
  @ApiResponse(responseCode = "200", description = "The password is changed")
  @ApiContract(
      problems = {
        ErrorCode.INVALID_TOKEN,
        ErrorCode.WEAK_PASSWORD,
        ErrorCode.RATE_LIMITED,
        ErrorCode.PASSWORD_CHECKS_BUSY
      })
  void confirmPasswordReset(
      @Valid @RequestBody PasswordResetConfirmation body, HttpServletRequest request) {
    String address = addresses.of(request);
    limiter.consume(PASSWORD_RESET_CONFIRMS, ClientAddresses.budgetKey(address));
    accounts.resetPassword(body.token(), body.password(), address);
  }

  @PostMapping("/token")
  @Operation(
      operationId = "issueToken",
      summary = "Get an access token",
      description = "Send it as `Authorization: Bearer <accessToken>` (security scheme `bearer`).")
  @ApiContract(
      problems = {
        ErrorCode.INVALID_CREDENTIALS,
        ErrorCode.EMAIL_NOT_VERIFIED,
        ErrorCode.RATE_LIMITED,
        ErrorCode.PASSWORD_CHECKS_BUSY
      })
  TokenIssuer.TokenResponse token(
      @Valid @RequestBody Credentials body, HttpServletRequest request) {
    return tokens.issue(body.email(), body.password(), addresses.of(request));
  }
}
