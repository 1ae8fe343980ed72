package io.vaultdrop.accounts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultdrop.accounts.WeakPasswordException;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

  private static final BreachedPasswords BREACHED = new BreachedPasswords();
  private final PasswordPolicy policy = new PasswordPolicy(BREACHED);

  @Test
  void breachedList_holdsAtLeastTenThousandPasswords() {
    assertThat(BREACHED.size()).isGreaterThanOrEqualTo(10_000);
  }

  @Test
  void check_elevenCharacters_isWeak() {
    assertThatThrownBy(() -> policy.check("abcdefghijk", "a@b.io"))
        .isInstanceOf(WeakPasswordException.class)
        .extracting("detailKey")
        .isEqualTo("problem.password.too-short");
  }

  @Test
  void check_twelveCharacters_isAccepted() {
    assertThatCode(() -> policy.check("pelican-tulip", "a@b.io")).doesNotThrowAnyException();
  }

  @Test
  void check_commonBreachedPassword_isRefusedWhateverItsCase() {
    assertThatThrownBy(() -> policy.check("1qaz2wsx3edc", "a@b.io"))
        .isInstanceOf(WeakPasswordException.class)
        .extracting("detailKey")
        .isEqualTo("problem.password.breached");
    assertThatThrownBy(() -> policy.check("1QAZ2WSX3EDC", "a@b.io"))
        .isInstanceOf(WeakPasswordException.class);
  }

  @Test
  void check_unicodeCountsCodePoints_andHasNoCompositionRules() {
    // 12 code points but 24 UTF-16 units: accepted; 11 emoji: refused.
    assertThatCode(() -> policy.check("🔐".repeat(12), "a@b.io")).doesNotThrowAnyException();
    assertThatThrownBy(() -> policy.check("🔐".repeat(11), "a@b.io"))
        .isInstanceOf(WeakPasswordException.class);
    assertThatCode(() -> policy.check("ўзбекча парол сўз", "a@b.io")).doesNotThrowAnyException();
  }

  @Test
  void check_longPasswords_upTo256_areAcceptedWithoutTruncation() {
    assertThatCode(() -> policy.check("x".repeat(128) + "y".repeat(128), "a@b.io"))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> policy.check("z".repeat(257), "a@b.io"))
        .isInstanceOf(WeakPasswordException.class);
  }

  @Test
  void check_ownEmailAddress_isRefused() {
    assertThatThrownBy(() -> policy.check("Someone@Example.org", "someone@example.org"))
        .isInstanceOf(WeakPasswordException.class);
  }
}
