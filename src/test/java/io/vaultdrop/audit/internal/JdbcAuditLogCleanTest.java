package io.vaultdrop.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JdbcAuditLogCleanTest {

  /** Each would let a value start a fake log line or reorder what an admin reads. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "\r", "\n", "\u0000", "\u001b", "\u007f", "\u0085", "\u009b", "\u2028", "\u2029", "\u202e",
        "\u2066", "\u2069"
      })
  void lineBreaksControlsAndBidiOverrides_becomeQuestionMarks(String unsafe) {
    assertThat(JdbcAuditLog.clean("a" + unsafe + "b", 100)).isEqualTo("a?b");
  }

  @ParameterizedTest
  @ValueSource(strings = {"anna@example.org", "Ўзбек тили", "日本語", "a b\tc"})
  void ordinaryText_isKept(String text) {
    assertThat(JdbcAuditLog.clean(text, 100)).isEqualTo(text.replace('\t', '?'));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 5})
  void longText_isCut(int max) {
    assertThat(JdbcAuditLog.clean("abcdefgh", max)).hasSize(max);
  }
}
