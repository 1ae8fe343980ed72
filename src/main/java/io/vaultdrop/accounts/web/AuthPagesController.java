package io.vaultdrop.accounts.web;

import io.vaultdrop.accounts.AccountException;
import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.ratelimit.ClientAddresses;
import io.vaultdrop.ratelimit.RateLimiter;
import io.vaultdrop.web.ProblemMessages;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Sign-in, registration, e-mail verification and password reset pages. Registration answers the
 * same neutral "check your mail" page whether or not the address already had an account.
 */
@Controller
class AuthPagesController {

  private final AccountService accounts;
  private final RateLimiter limiter;
  private final ClientAddresses addresses;
  private final ProblemMessages messages;

  AuthPagesController(
      AccountService accounts,
      RateLimiter limiter,
      ClientAddresses addresses,
      ProblemMessages messages) {
    this.messages = messages;
    this.accounts = accounts;
    this.limiter = limiter;
    this.addresses = addresses;
  }

  @GetMapping("/login")
  String login() {
    return "accounts/login";
  }

  @GetMapping("/register")
  String registerForm() {
    return "accounts/register";
  }

  @PostMapping("/register")
  String register(
      @RequestParam(defaultValue = "") String email,
      @RequestParam(defaultValue = "") String password,
      HttpServletRequest request,
      Model model) {
    String address = addresses.of(request);
    limiter.consume(AuthApiController.REGISTRATIONS, ClientAddresses.budgetKey(address));
    try {
      accounts.register(email, password, address);
    } catch (AccountException e) {
      if (!"email_taken".equals(e.code())) {
        model.addAttribute("email", email);
        model.addAttribute("problem", e.code());
        model.addAttribute("problemDetail", messages.detail(e));
        return "accounts/register";
      }
      // Taken: the owner got a mail; the visitor sees the same page as a new registration.
    }
    return "redirect:/register?sent";
  }

  /** The link from the verification mail: verifies on click. */
  @GetMapping("/verify-email")
  String verify(
      @RequestParam(defaultValue = "") String token, HttpServletRequest request, Model model) {
    try {
      accounts.verifyEmail(token, addresses.of(request));
      model.addAttribute("verified", true);
    } catch (AccountException e) {
      model.addAttribute("verified", false);
    }
    return "accounts/verify-result";
  }

  @PostMapping("/resend-verification")
  String resend(@RequestParam(defaultValue = "") String email, HttpServletRequest request) {
    String address = addresses.of(request);
    limiter.consume(AuthApiController.RESENDS, ClientAddresses.budgetKey(address));
    accounts.resendVerification(email, address);
    return "redirect:/login?resent";
  }

  @GetMapping("/password-reset")
  String passwordResetForm() {
    return "accounts/password-reset";
  }

  /** The same answer whether or not the address has an account (the work happens later). */
  @PostMapping("/password-reset")
  String requestPasswordReset(
      @RequestParam(defaultValue = "") String email, HttpServletRequest request) {
    String address = addresses.of(request);
    limiter.consume(AuthApiController.PASSWORD_RESETS, ClientAddresses.budgetKey(address));
    accounts.requestPasswordReset(email, address);
    return "redirect:/password-reset?sent";
  }

  /** The link from the reset mail: shows the form; nothing is used up by opening it. */
  @GetMapping("/password-reset/confirm")
  String passwordResetConfirmForm(@RequestParam(defaultValue = "") String token, Model model) {
    model.addAttribute("token", token);
    return "accounts/password-reset-confirm";
  }

  @PostMapping("/password-reset/confirm")
  String confirmPasswordReset(
      @RequestParam(defaultValue = "") String token,
      @RequestParam(defaultValue = "") String password,
      HttpServletRequest request,
      Model model) {
    String address = addresses.of(request);
    limiter.consume(AuthApiController.PASSWORD_RESET_CONFIRMS, ClientAddresses.budgetKey(address));
    try {
      accounts.resetPassword(token, password, address);
    } catch (AccountException e) {
      model.addAttribute("token", token);
      model.addAttribute("problem", e.code());
      model.addAttribute("problemDetail", messages.detail(e));
      return "accounts/password-reset-confirm";
    }
    return "redirect:/login?passwordReset";
  }
}
