package io.vaultdrop.accounts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.accounts.AccountException;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmailAddressesTest {

  @Test
  void oneMailbox_hasOneCanonicalForm() {
    assertThat(EmailAddresses.normalise("  Alice@Example.ORG ")).isEqualTo("alice@example.org");
    // NFC and NFD "josé" are one address.
    assertThat(EmailAddresses.normalise("jos\u00e9@example.org"))
        .isEqualTo(EmailAddresses.normalise("jose\u0301@example.org"))
        .isEqualTo("jos\u00e9@example.org");
    // A Unicode domain and its punycode are one address.
    assertThat(EmailAddresses.normalise("anna@b\u00fccher.example"))
        .isEqualTo(EmailAddresses.normalise("anna@xn--bcher-kva.example"))
        .isEqualTo("anna@xn--bcher-kva.example");
    assertThat(EmailAddresses.normalise("first.last+tag@sub.example.co.uk"))
        .isEqualTo("first.last+tag@sub.example.co.uk");
    assertThat(EmailAddresses.normalise("\u0434\u0438\u043c\u0430@example.org"))
        .isEqualTo("\u0434\u0438\u043c\u0430@example.org");
  }

  @Test
  void lookAlikesAndHeaderForms_areRefused() {
    List<String> refused =
        List.of(
            "al\u200bice@example.org", // zero-width space
            "alice\u200d@example.org", // zero-width joiner
            "\u202ealice@example.org", // bidi override
            "ali\u00adce@example.org", // soft hyphen
            "alice@exa\u200bmple.org",
            "x<victim@example.net>",
            "Victim <victim@example.net>",
            "\"victim\"@example.net",
            "victim@example.net, attacker@example.org",
            "victim(comment)@example.net",
            "ali ce@example.org",
            "alice@@example.org",
            "alice@example",
            "alice@-example.org",
            ".alice@example.org",
            "alice.@example.org",
            "al..ice@example.org",
            "alice@exa\nmple.org",
            "alice@exa_mple.org",
            "",
            "@example.org",
            "alice@");
    List<String> accepted = new java.util.ArrayList<>();
    for (String address : refused) {
      try {
        EmailAddresses.normalise(address);
        accepted.add(address);
      } catch (AccountException expected) {
        // refused, as it should be
      }
    }
    assertThat(accepted).isEmpty();
  }
}
