package io.vaultdrop.vault.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.ratelimit.ClientAddresses;
import io.vaultdrop.vault.internal.VaultKeyRotation;
import io.vaultdrop.web.ApiContract;
import io.vaultdrop.web.ApiContract.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Administrators' vault API: statistics (never content, never keys) and the re-wrap of user keys
 * after a master key rotation. Administrators cannot read users' files anywhere.
 */
@RestController
@RequestMapping("/api/v1/admin/vault")
@Tag(name = "Vault administration", description = "Administrators only (403 otherwise).")
@ApiContract(caller = Caller.SIGNED_IN, problems = ErrorCode.FORBIDDEN)
final class VaultAdminApiController {

  private final VaultKeyRotation rotation;
  private final ClientAddresses addresses;

  VaultAdminApiController(VaultKeyRotation rotation, ClientAddresses addresses) {
    this.rotation = rotation;
    this.addresses = addresses;
  }

  @GetMapping
  @Operation(
      operationId = "vaultStatus",
      summary = "Vault key and storage status",
      description =
          "The primary master key id, how many user key pairs exist and how many are still"
              + " wrapped by an older master key, and the number and total size of vault files.")
  VaultKeyRotation.Status status() {
    return rotation.status();
  }

  @PostMapping("/rewrap-keys")
  @Operation(
      operationId = "rewrapVaultKeys",
      summary = "Re-wrap user keys under the primary master key",
      description =
          "After VAULTDROP_MASTER_KEY was replaced (the old key listed in"
              + " VAULTDROP_PREVIOUS_MASTER_KEYS), re-wraps every user private key still wrapped by"
              + " an older master key. File contents, blobs and wrapped data keys are not touched."
              + " `failed` counts keys wrapped by a master key missing from the ring. Audited.")
  VaultKeyRotation.Report rewrap(
      @AuthenticationPrincipal CurrentUser admin, HttpServletRequest request) {
    return rotation.rewrapUserKeys(admin.id(), addresses.of(request));
  }
}
