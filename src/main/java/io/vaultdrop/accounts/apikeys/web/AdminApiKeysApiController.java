package io.vaultdrop.accounts.apikeys.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.accounts.apikeys.ApiKeys;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.ratelimit.ClientAddresses;
import io.vaultdrop.web.ApiContract;
import io.vaultdrop.web.ApiContract.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Administrators see and revoke anyone's API keys (ADMIN role, never with an API key). */
@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "Administration")
@ApiContract(caller = Caller.SIGNED_IN, problems = ErrorCode.FORBIDDEN)
class AdminApiKeysApiController {

  private final ApiKeys keys;
  private final ClientAddresses addresses;

  AdminApiKeysApiController(ApiKeys keys, ClientAddresses addresses) {
    this.keys = keys;
    this.addresses = addresses;
  }

  @GetMapping("/users/{id}/api-keys")
  @Operation(operationId = "adminListApiKeys", summary = "A user's API keys, without their secrets")
  List<ApiKeysApiController.KeyView> list(@PathVariable @Size(max = 64) String id) {
    return keys.listOf(id).stream().map(ApiKeysApiController.KeyView::of).toList();
  }

  @DeleteMapping("/api-keys/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(operationId = "adminRevokeApiKey", summary = "Revoke anyone's API key")
  @ApiContract(problems = ErrorCode.NOT_FOUND)
  void revoke(
      @AuthenticationPrincipal CurrentUser admin,
      @PathVariable @Size(max = 64) String id,
      HttpServletRequest request) {
    keys.revokeAsAdmin(id, admin.id(), addresses.of(request));
  }
}
