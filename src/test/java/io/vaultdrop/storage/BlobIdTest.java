package io.vaultdrop.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlobIdTest {

  @Test
  void random_is32LowercaseHexAndUnique() {
    Set<BlobId> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      BlobId id = BlobId.random();
      assertThat(id.value()).matches("[0-9a-f]{32}");
      assertThat(seen.add(id)).isTrue();
    }
  }

  @Test
  void parse_wellFormed_roundTrips() {
    BlobId id = BlobId.random();
    assertThat(BlobId.parse(id.toString())).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "../x",
        "/etc/passwd",
        "..",
        "0123456789abcdef0123456789abcde",
        "0123456789abcdef0123456789abcdef0",
        "0123456789ABCDEF0123456789ABCDEF",
        "0123456789abcdef/123456789abcdef",
        "0123456789abcdef\u00003456789abcdef0",
        "0123456789abcdef0123456789abcde\n",
        "../../../../../../../../etc/pass",
        "C:\\Windows\\system32\\drivers\\x"
      })
  void parse_hostileOrMalformed_isRejectedWithoutEcho(String text) {
    assertThatThrownBy(() -> BlobId.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("malformed blob id");
    assertThat(BlobId.isValid(text)).isFalse();
  }

  @Test
  void parse_null_isRejected() {
    assertThatThrownBy(() -> BlobId.parse(null)).isInstanceOf(NullPointerException.class);
    assertThat(BlobId.isValid(null)).isFalse();
  }
}
