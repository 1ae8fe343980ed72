package io.vaultdrop.accounts.web;

import io.vaultdrop.accounts.AccountException;
import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.ratelimit.ClientAddresses;
import io.vaultdrop.web.ProblemMessages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The signed-in user's settings page: password change and account deletion. */
@Controller
class AccountPageController {

  private final AccountService accounts;
  private final ClientAddresses addresses;
  private final ProblemMessages messages;

  AccountPageController(
      AccountService accounts, ClientAddresses addresses, ProblemMessages messages) {
    this.messages = messages;
    this.accounts = accounts;
    this.addresses = addresses;
  }

  @GetMapping("/account")
  String account(@AuthenticationPrincipal CurrentUser me, Model model) {
    model.addAttribute("account", accounts.find(me.id()).orElseThrow(AccountException::notFound));
    return "accounts/account";
  }

  /**
   * Changes the password. Every session of the account ends, this one included: the user signs in
   * again with the new password, which also gives this browser a fresh session id.
   */
  @PostMapping("/account/password")
  String changePassword(
      @AuthenticationPrincipal CurrentUser me,
      @RequestParam(defaultValue = "") String currentPassword,
      @RequestParam(defaultValue = "") String newPassword,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    try {
      accounts.changePassword(me.id(), currentPassword, newPassword, addresses.of(request));
    } catch (AccountException e) {
      model.addAttribute("passwordProblem", messages.detail(e));
      return account(me, model);
    }
    signOut(request, response);
    return "redirect:/login?passwordChanged";
  }

  @PostMapping("/account/delete")
  String delete(
      @AuthenticationPrincipal CurrentUser me,
      @RequestParam(defaultValue = "") String password,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    try {
      accounts.deleteOwnAccount(me.id(), password, addresses.of(request));
    } catch (AccountException e) {
      model.addAttribute("deleteProblem", messages.detail(e));
      return account(me, model);
    }
    signOut(request, response);
    return "redirect:/login?deleted";
  }

  private static void signOut(HttpServletRequest request, HttpServletResponse response) {
    new SecurityContextLogoutHandler()
        .logout(request, response, SecurityContextHolder.getContext().getAuthentication());
  }
}
