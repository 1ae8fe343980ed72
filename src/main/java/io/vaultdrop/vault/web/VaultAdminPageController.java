package io.vaultdrop.vault.web;

import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.ratelimit.ClientAddresses;
import io.vaultdrop.vault.internal.VaultKeyRotation;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The administrators' vault page: key status and the re-wrap button. */
@Controller
final class VaultAdminPageController {

  private final VaultKeyRotation rotation;
  private final ClientAddresses addresses;

  VaultAdminPageController(VaultKeyRotation rotation, ClientAddresses addresses) {
    this.rotation = rotation;
    this.addresses = addresses;
  }

  @GetMapping("/admin/vault")
  String page(Model model) {
    model.addAttribute("status", rotation.status());
    return "vault/admin";
  }

  @PostMapping("/admin/vault/rewrap-keys")
  String rewrap(
      @AuthenticationPrincipal CurrentUser admin,
      HttpServletRequest request,
      RedirectAttributes redirect) {
    redirect.addFlashAttribute(
        "report", rotation.rewrapUserKeys(admin.id(), addresses.of(request)));
    return "redirect:/admin/vault";
  }
}
