package io.vaultdrop.accounts.internal;

import io.vaultdrop.accounts.WeakPasswordException;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * NIST SP 800-63B style policy: length counts (12 to 256 code points, any Unicode, no composition
 * rules, never truncated), common breached passwords and the account's own e-mail are refused.
 */
@Component
public final class PasswordPolicy {

  public static final int MIN_LENGTH = 12;
  public static final int MAX_LENGTH = 256;

  private final BreachedPasswords breached;

  PasswordPolicy(BreachedPasswords breached) {
    this.breached = breached;
  }

  /** Throws {@link WeakPasswordException} naming the rule broken; returns quietly otherwise. */
  public void check(String password, String email) {
    if (password == null || password.isBlank()) {
      throw new WeakPasswordException("problem.password.choose");
    }
    int length = password.codePointCount(0, password.length());
    if (length < MIN_LENGTH) {
      throw new WeakPasswordException("problem.password.too-short");
    }
    if (length > MAX_LENGTH) {
      throw new WeakPasswordException("problem.password.too-long");
    }
    if (breached.contains(password)) {
      throw new WeakPasswordException("problem.password.breached");
    }
    if (email != null && password.strip().toLowerCase(Locale.ROOT).equals(email)) {
      throw new WeakPasswordException("problem.password.is-email");
    }
  }
}
