package io.vaultdrop.accounts.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.audit.AuditEvent;
import io.vaultdrop.audit.AuditLog;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.ratelimit.ClientAddresses;
import io.vaultdrop.web.ApiContract;
import io.vaultdrop.web.ApiContract.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** User management and the audit log for administrators ({@code /api/v1/admin}). */
@RestController
@RequestMapping("/api/v1/admin")
@Tag(
    name = "Administration",
    description = "User management and the audit log; administrators only.")
@ApiContract(caller = Caller.SIGNED_IN, problems = ErrorCode.FORBIDDEN)
class AdminUsersApiController {

  private final AccountService accounts;
  private final AuditLog audit;
  private final ClientAddresses addresses;

  AdminUsersApiController(AccountService accounts, AuditLog audit, ClientAddresses addresses) {
    this.accounts = accounts;
    this.audit = audit;
    this.addresses = addresses;
  }

  record NewUser(
      @NotNull @Size(max = 320) String email,
      @NotNull @Size(max = 1024) String password,
      @NotNull Role role) {
    @Override
    public String toString() {
      return "NewUser[email=" + email + ", role=" + role + "]";
    }
  }

  record UserChange(Role role, Boolean enabled) {}

  @GetMapping("/users")
  @Operation(operationId = "listUsers", summary = "List the accounts")
  List<AccountView> users() {
    return accounts.list().stream().map(AccountView::of).toList();
  }

  @PostMapping("/users")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(operationId = "createUser", summary = "Create an account, already verified")
  @ApiContract(
      problems = {
        ErrorCode.INVALID_EMAIL,
        ErrorCode.WEAK_PASSWORD,
        ErrorCode.EMAIL_TAKEN,
        ErrorCode.PASSWORD_CHECKS_BUSY
      })
  AccountView create(
      @AuthenticationPrincipal CurrentUser admin,
      @Valid @RequestBody NewUser body,
      HttpServletRequest request) {
    return AccountView.of(
        accounts.createUser(
            body.email(), body.password(), body.role(), admin.id(), addresses.of(request)));
  }

  @PatchMapping("/users/{id}")
  @Operation(
      operationId = "changeUser",
      summary = "Change an account's role or enable/disable it",
      description = "Members left out stay as they are.")
  @ApiContract(problems = {ErrorCode.NOT_FOUND, ErrorCode.LAST_ADMIN})
  AccountView change(
      @AuthenticationPrincipal CurrentUser admin,
      @PathVariable @Size(max = 64) String id,
      @RequestBody UserChange body,
      HttpServletRequest request) {
    String address = addresses.of(request);
    if (body.role() != null) {
      accounts.changeRole(id, body.role(), admin.id(), address);
    }
    if (body.enabled() != null) {
      accounts.setEnabled(id, body.enabled(), admin.id(), address);
    }
    return AccountView.of(
        accounts.find(id).orElseThrow(io.vaultdrop.accounts.AccountException::notFound));
  }

  @DeleteMapping("/users/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(operationId = "deleteUser", summary = "Delete an account and all its data")
  @ApiResponse(responseCode = "204", description = "Deleted")
  @ApiContract(problems = {ErrorCode.NOT_FOUND, ErrorCode.LAST_ADMIN})
  void delete(
      @AuthenticationPrincipal CurrentUser admin,
      @PathVariable @Size(max = 64) String id,
      HttpServletRequest request) {
    accounts.deleteUser(id, admin.id(), addresses.of(request));
  }

  /** Mails the user a password reset link (202: the mail is on its way). */
  @PostMapping("/users/{id}/password-reset")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(operationId = "sendPasswordReset", summary = "Mail the user a password reset link")
  @ApiResponse(responseCode = "202", description = "The mail is on its way")
  @ApiContract(problems = ErrorCode.NOT_FOUND)
  void sendPasswordReset(
      @AuthenticationPrincipal CurrentUser admin,
      @PathVariable @Size(max = 64) String id,
      HttpServletRequest request) {
    accounts.sendPasswordReset(id, admin.id(), addresses.of(request));
  }

  @GetMapping("/audit")
  @Operation(operationId = "auditLog", summary = "The newest audit events")
  @ApiContract(problems = ErrorCode.INVALID_REQUEST)
  List<AuditEvent> audit(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
    return audit.latest(limit);
  }
}
