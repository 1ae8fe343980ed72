package io.vaultdrop.accounts.internal;

import io.vaultdrop.accounts.AccountException;
import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Validation and canonical form of e-mail addresses at the boundary, so that one mailbox is one
 * account and nobody registers a look-alike of someone else's address (README, "Accounts").
 *
 * <ul>
 *   <li>Unicode NFC, surrounding white space trimmed, then lower case (local part too: the
 *       providers people use treat it case-insensitively), so NFC and NFD "josé" are one address.
 *   <li>The domain in its ASCII form (IDNA, "xn--…" labels), so {@code bücher.example} and {@code
 *       xn--bcher-kva.example} are one address; a domain IDNA refuses is invalid.
 *   <li>Refused: invisible characters anywhere (zero-width spaces and joiners, bidi controls, soft
 *       hyphens and every other format or control character), white space inside, and the forms of
 *       a mail header rather than an address: display names ({@code Name <a@b.example>}), quoted
 *       local parts, comments, several addresses. The local part is a dot-atom of letters, digits
 *       and {@code !#$%&'*+/=?^_`{|}~-}.
 * </ul>
 */
public final class EmailAddresses {

  private static final int MAX_LENGTH = 254;
  private static final Pattern LOCAL_PART =
      Pattern.compile(
          "[\\p{L}\\p{M}\\p{N}!#$%&'*+/=?^_`{|}~-]+(\\.[\\p{L}\\p{M}\\p{N}!#$%&'*+/=?^_`{|}~-]+)*");
  private static final Pattern ASCII_DOMAIN =
      Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");

  private EmailAddresses() {}

  /** The canonical form of a valid address, or throws {@code invalid_email}. */
  public static String normalise(String email) {
    if (email == null || email.length() > MAX_LENGTH * 4) {
      throw AccountException.invalidEmail();
    }
    String address = Normalizer.normalize(email.strip(), Normalizer.Form.NFC);
    if (address.codePoints().anyMatch(EmailAddresses::invisibleOrSpace)) {
      throw AccountException.invalidEmail();
    }
    int at = address.lastIndexOf('@');
    if (at <= 0 || at != address.indexOf('@') || at == address.length() - 1) {
      throw AccountException.invalidEmail();
    }
    String local = address.substring(0, at).toLowerCase(Locale.ROOT);
    String domain = asciiDomain(address.substring(at + 1));
    String canonical = local + "@" + domain;
    if (local.length() > 64
        || canonical.length() > MAX_LENGTH
        || !LOCAL_PART.matcher(local).matches()
        || !ASCII_DOMAIN.matcher(domain).matches()) {
      throw AccountException.invalidEmail();
    }
    return canonical;
  }

  private static String asciiDomain(String domain) {
    try {
      return IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw AccountException.invalidEmail();
    }
  }

  private static boolean invisibleOrSpace(int cp) {
    return switch (Character.getType(cp)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.SPACE_SEPARATOR,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.PRIVATE_USE,
          Character.SURROGATE,
          Character.UNASSIGNED ->
          true;
      default -> Character.isWhitespace(cp) || cp == 0x115F || cp == 0x1160 || cp == 0x3164;
    };
  }
}
