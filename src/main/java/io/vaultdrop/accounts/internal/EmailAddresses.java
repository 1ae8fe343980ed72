package io.vaultdrop.accounts.internal;

import io.vaultdrop.accounts.AccountException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Validation and normalisation of e-mail addresses at the boundary. */
public final class EmailAddresses {

  private static final int MAX_LENGTH = 254;
  // Pragmatic: one @, no spaces or control characters, a dot in the domain. Delivery proves the
  // rest.
  private static final Pattern SHAPE =
      Pattern.compile("^[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}.]+(\\.[^@\\s\\p{Cntrl}.]+)+$");

  private EmailAddresses() {}

  /** Trims and lower-cases a valid address, or throws {@code invalid_email}. */
  public static String normalise(String email) {
    if (email == null) {
      throw AccountException.invalidEmail();
    }
    String trimmed = email.strip().toLowerCase(Locale.ROOT);
    if (trimmed.length() > MAX_LENGTH || !SHAPE.matcher(trimmed).matches()) {
      throw AccountException.invalidEmail();
    }
    return trimmed;
  }
}
