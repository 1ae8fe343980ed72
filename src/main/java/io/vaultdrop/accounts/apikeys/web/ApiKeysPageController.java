package io.vaultdrop.accounts.apikeys.web;

import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.accounts.apikeys.ApiKeyScope;
import io.vaultdrop.accounts.apikeys.ApiKeys;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.ratelimit.ClientAddresses;
import io.vaultdrop.web.ProblemMessages;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The signed-in user's API keys page ({@code /account/api-keys}): create, list, revoke. A new key
 * is rendered in the answer to the create form itself, never put into a redirect, flash attribute
 * or session, so it is shown exactly once.
 */
@Controller
class ApiKeysPageController {

  /** The expiries the form offers, in days; none means the key does not expire. */
  static final List<Integer> LIFETIMES = List.of(7, 30, 90, 365);

  private final ApiKeys keys;
  private final ClientAddresses addresses;
  private final Clock clock;
  private final ProblemMessages messages;

  ApiKeysPageController(
      ApiKeys keys, ClientAddresses addresses, Clock clock, ProblemMessages messages) {
    this.keys = keys;
    this.addresses = addresses;
    this.clock = clock;
    this.messages = messages;
  }

  @GetMapping("/account/api-keys")
  String page(@AuthenticationPrincipal CurrentUser me, Model model) {
    model.addAttribute("keys", keys.list(me.id()));
    model.addAttribute("scopes", ApiKeyScope.values());
    model.addAttribute("lifetimes", LIFETIMES);
    model.addAttribute("now", clock.instant());
    return "accounts/api-keys";
  }

  @PostMapping("/account/api-keys")
  String create(
      @AuthenticationPrincipal CurrentUser me,
      @RequestParam(defaultValue = "") String name,
      @RequestParam(name = "scopes", required = false) List<String> scopes,
      @RequestParam(defaultValue = "") String expiresInDays,
      HttpServletRequest request,
      Model model) {
    try {
      model.addAttribute(
          "created",
          keys.create(me.id(), name, scopes, expiry(expiresInDays), addresses.of(request)));
    } catch (DomainException e) {
      model.addAttribute("problem", messages.text(e));
    }
    return page(me, model);
  }

  @PostMapping("/account/api-keys/{id}/revoke")
  String revoke(
      @AuthenticationPrincipal CurrentUser me,
      @PathVariable String id,
      HttpServletRequest request,
      RedirectAttributes redirect) {
    try {
      keys.revoke(me.id(), id, addresses.of(request));
      redirect.addFlashAttribute("revoked", true);
    } catch (DomainException e) {
      redirect.addFlashAttribute("problem", messages.text(e));
    }
    return "redirect:/account/api-keys";
  }

  /** Only the offered lifetimes; blank is "never". */
  private @Nullable Instant expiry(String expiresInDays) {
    if (expiresInDays.isBlank()) {
      return null;
    }
    return LIFETIMES.stream()
        .filter(days -> Integer.toString(days).equals(expiresInDays))
        .findFirst()
        .map(days -> clock.instant().plus(Duration.ofDays(days)))
        .orElseThrow(() -> DomainException.invalidRequest("problem.api-keys.offered-expiry"));
  }
}
