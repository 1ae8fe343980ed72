package io.vaultdrop.accounts.apikeys.web;

import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.accounts.apikeys.ApiKeys;
import io.vaultdrop.ratelimit.ClientAddresses;
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
class AdminApiKeysApiController {

  private final ApiKeys keys;
  private final ClientAddresses addresses;

  AdminApiKeysApiController(ApiKeys keys, ClientAddresses addresses) {
    this.keys = keys;
    this.addresses = addresses;
  }

  @GetMapping("/users/{id}/api-keys")
  List<ApiKeysApiController.KeyView> list(@PathVariable @Size(max = 64) String id) {
    return keys.listOf(id).stream().map(ApiKeysApiController.KeyView::of).toList();
  }

  @DeleteMapping("/api-keys/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void revoke(
      @AuthenticationPrincipal CurrentUser admin,
      @PathVariable @Size(max = 64) String id,
      HttpServletRequest request) {
    keys.revokeAsAdmin(id, admin.id(), addresses.of(request));
  }
}
