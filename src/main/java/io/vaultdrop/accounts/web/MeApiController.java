package io.vaultdrop.accounts.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vaultdrop.accounts.AccountException;
import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.ratelimit.ClientAddresses;
import io.vaultdrop.web.ApiContract;
import io.vaultdrop.web.ApiContract.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own account ({@code /api/v1/me}). */
@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "Accounts")
@ApiContract(caller = Caller.SIGNED_IN)
class MeApiController {

  private final AccountService accounts;
  private final ClientAddresses addresses;

  MeApiController(AccountService accounts, ClientAddresses addresses) {
    this.accounts = accounts;
    this.addresses = addresses;
  }

  record MeView(String id, String email, String role, boolean emailVerified) {}

  record PasswordChange(
      @NotNull @Size(max = 1024) String currentPassword,
      @NotNull @Size(max = 1024) String newPassword) {
    @Override
    public String toString() {
      return "PasswordChange[<hidden>]";
    }
  }

  record PasswordConfirmation(@NotNull @Size(max = 1024) String password) {
    @Override
    public String toString() {
      return "PasswordConfirmation[<hidden>]";
    }
  }

  @GetMapping
  @Operation(operationId = "me", summary = "Who I am")
  @ApiContract(problems = ErrorCode.NOT_FOUND)
  MeView me(@AuthenticationPrincipal CurrentUser me) {
    var account = accounts.find(me.id()).orElseThrow(AccountException::notFound);
    return new MeView(
        account.id(), account.email(), account.role().name(), account.emailVerified());
  }

  /** Changes the password; every other session and token of this account stops working. */
  @PostMapping("/password")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(operationId = "changePassword", summary = "Change my password")
  @ApiResponse(responseCode = "204", description = "Changed")
  @ApiContract(
      problems = {
        ErrorCode.WRONG_CURRENT_PASSWORD,
        ErrorCode.WEAK_PASSWORD,
        ErrorCode.PASSWORD_CHECKS_BUSY
      })
  void changePassword(
      @AuthenticationPrincipal CurrentUser me,
      @Valid @RequestBody PasswordChange body,
      HttpServletRequest request) {
    accounts.changePassword(
        me.id(), body.currentPassword(), body.newPassword(), addresses.of(request));
  }

  /** Deletes the account and its data after checking the password. */
  @DeleteMapping
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(operationId = "deleteMe", summary = "Delete my account and all its data")
  @ApiResponse(responseCode = "204", description = "Deleted")
  @ApiContract(
      problems = {
        ErrorCode.WRONG_CURRENT_PASSWORD,
        ErrorCode.LAST_ADMIN,
        ErrorCode.PASSWORD_CHECKS_BUSY
      })
  void delete(
      @AuthenticationPrincipal CurrentUser me,
      @Valid @RequestBody PasswordConfirmation body,
      HttpServletRequest request) {
    accounts.deleteOwnAccount(me.id(), body.password(), addresses.of(request));
  }
}
