package io.vaultdrop.shares;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.shares.internal.ShareToken;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The link token: format, canonical parsing, no secret in {@code toString}. */
class ShareTokenTest {

  @Test
  void generated_roundTrips_andIsUnique() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      ShareToken token = ShareToken.generate();
      String text = token.encoded();
      assertThat(text).matches("[A-Za-z0-9_-]{65}").startsWith(token.id());
      assertThat(ShareToken.parse(text)).contains(token);
      assertThat(seen.add(text)).isTrue();
    }
  }

  @Test
  void malformed_and_nonCanonical_areRejected() {
    String text = ShareToken.generate().encoded();
    assertThat(ShareToken.parse(null)).isEmpty();
    assertThat(ShareToken.parse("")).isEmpty();
    assertThat(ShareToken.parse(text.substring(1))).isEmpty();
    assertThat(ShareToken.parse(text + "A")).isEmpty();
    assertThat(ShareToken.parse(text.substring(0, 64) + "=")).isEmpty();
    assertThat(ShareToken.parse(text.substring(0, 30) + "." + text.substring(31))).isEmpty();
    // The last character of a 32-byte base64url value carries 2 unused bits: only one is canonical.
    char last = text.charAt(64);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    char sibling = alphabet.charAt(alphabet.indexOf(last) ^ 1);
    assertThat(ShareToken.parse(text.substring(0, 64) + sibling)).isEmpty();
  }

  @Test
  void toString_hidesTheSecret() {
    ShareToken token = ShareToken.generate();
    assertThat(token.toString()).contains(token.id()).doesNotContain(token.encoded().substring(22));
  }
}
