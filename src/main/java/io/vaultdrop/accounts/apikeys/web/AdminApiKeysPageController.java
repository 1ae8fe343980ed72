package io.vaultdrop.accounts.apikeys.web;

import io.vaultdrop.accounts.AccountException;
import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.accounts.apikeys.ApiKeys;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.ratelimit.ClientAddresses;
import io.vaultdrop.web.ProblemMessages;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** An administrator's view of one user's API keys, with a revoke button on each. */
@Controller
class AdminApiKeysPageController {

  private final ApiKeys keys;
  private final AccountService accounts;
  private final ClientAddresses addresses;
  private final Clock clock;
  private final ProblemMessages messages;

  AdminApiKeysPageController(
      ApiKeys keys,
      AccountService accounts,
      ClientAddresses addresses,
      Clock clock,
      ProblemMessages messages) {
    this.keys = keys;
    this.accounts = accounts;
    this.addresses = addresses;
    this.clock = clock;
    this.messages = messages;
  }

  @GetMapping("/admin/users/{userId}/api-keys")
  String page(@PathVariable String userId, Model model) {
    model.addAttribute("user", accounts.find(userId).orElseThrow(AccountException::notFound));
    model.addAttribute("keys", keys.listOf(userId));
    model.addAttribute("now", clock.instant());
    return "accounts/admin-api-keys";
  }

  @PostMapping("/admin/users/{userId}/api-keys/{keyId}/revoke")
  String revoke(
      @AuthenticationPrincipal CurrentUser admin,
      @PathVariable String userId,
      @PathVariable String keyId,
      HttpServletRequest request,
      RedirectAttributes redirect) {
    try {
      keys.revokeAsAdmin(keyId, admin.id(), addresses.of(request));
      redirect.addFlashAttribute("revoked", true);
    } catch (DomainException e) {
      redirect.addFlashAttribute("problem", messages.text(e));
    }
    redirect.addAttribute("userId", userId);
    return "redirect:/admin/users/{userId}/api-keys";
  }
}
