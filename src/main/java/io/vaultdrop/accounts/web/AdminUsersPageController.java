package io.vaultdrop.accounts.web;

import io.vaultdrop.accounts.Account;
import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.audit.AuditEventType;
import io.vaultdrop.audit.AuditLog;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.ratelimit.ClientAddresses;
import io.vaultdrop.web.ProblemMessages;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
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

/** Administrators' pages: users (create, role, enable, delete) and the audit log. */
@Controller
class AdminUsersPageController {

  private final AccountService accounts;
  private static final int AUDIT_ROWS = 200;
  private static final int MAX_WHO = 320;

  private final AuditLog audit;
  private final ClientAddresses addresses;
  private final ProblemMessages messages;

  AdminUsersPageController(
      AccountService accounts,
      AuditLog audit,
      ClientAddresses addresses,
      ProblemMessages messages) {
    this.messages = messages;
    this.accounts = accounts;
    this.audit = audit;
    this.addresses = addresses;
  }

  @GetMapping("/admin/users")
  String users(Model model) {
    model.addAttribute("users", accounts.list());
    model.addAttribute("roles", Role.values());
    return "accounts/admin-users";
  }

  @PostMapping("/admin/users")
  String create(
      @AuthenticationPrincipal CurrentUser admin,
      @RequestParam(defaultValue = "") String email,
      @RequestParam(defaultValue = "") String password,
      @RequestParam(defaultValue = "MEMBER") Role role,
      HttpServletRequest request,
      RedirectAttributes redirect) {
    return outcome(
        redirect,
        () -> accounts.createUser(email, password, role, admin.id(), addresses.of(request)));
  }

  @PostMapping("/admin/users/{id}/role")
  String role(
      @AuthenticationPrincipal CurrentUser admin,
      @PathVariable String id,
      @RequestParam Role role,
      HttpServletRequest request,
      RedirectAttributes redirect) {
    return outcome(
        redirect, () -> accounts.changeRole(id, role, admin.id(), addresses.of(request)));
  }

  @PostMapping("/admin/users/{id}/enabled")
  String enabled(
      @AuthenticationPrincipal CurrentUser admin,
      @PathVariable String id,
      @RequestParam boolean enabled,
      HttpServletRequest request,
      RedirectAttributes redirect) {
    return outcome(
        redirect, () -> accounts.setEnabled(id, enabled, admin.id(), addresses.of(request)));
  }

  @PostMapping("/admin/users/{id}/password-reset")
  String sendPasswordReset(
      @AuthenticationPrincipal CurrentUser admin,
      @PathVariable String id,
      HttpServletRequest request,
      RedirectAttributes redirect) {
    return outcome(
        redirect, () -> accounts.sendPasswordReset(id, admin.id(), addresses.of(request)));
  }

  @PostMapping("/admin/users/{id}/delete")
  String delete(
      @AuthenticationPrincipal CurrentUser admin,
      @PathVariable String id,
      HttpServletRequest request,
      RedirectAttributes redirect) {
    return outcome(redirect, () -> accounts.deleteUser(id, admin.id(), addresses.of(request)));
  }

  /**
   * The audit log, newest first, optionally of one event type and concerning one person: an
   * account's e-mail address (its events as actor or subject), or any text stored as one.
   */
  @GetMapping("/admin/audit")
  String audit(
      @RequestParam(name = "type", required = false) @Nullable AuditEventType type,
      @RequestParam(name = "who", required = false) @Nullable String who,
      Model model) {
    List<Account> all = accounts.list();
    String person = who == null ? "" : who.strip();
    if (person.length() > MAX_WHO) {
      person = person.substring(0, MAX_WHO);
    }
    List<String> parties = new ArrayList<>();
    if (!person.isEmpty()) {
      parties.add(person);
      for (Account account : all) {
        if (account.email().equalsIgnoreCase(person)) {
          parties.add(account.id());
          parties.add(account.email());
        }
      }
    }
    model.addAttribute("events", audit.find(new AuditLog.AuditQuery(type, parties), AUDIT_ROWS));
    model.addAttribute("types", AuditEventType.values());
    model.addAttribute("type", type);
    model.addAttribute("who", person);
    model.addAttribute(
        "names",
        all.stream()
            .collect(java.util.stream.Collectors.toMap(Account::id, Account::email, (a, b) -> a)));
    return "accounts/admin-audit";
  }

  private String outcome(RedirectAttributes redirect, Runnable action) {
    try {
      action.run();
      redirect.addFlashAttribute("done", true);
    } catch (DomainException e) {
      redirect.addFlashAttribute("problem", messages.text(e));
    }
    return "redirect:/admin/users";
  }
}
