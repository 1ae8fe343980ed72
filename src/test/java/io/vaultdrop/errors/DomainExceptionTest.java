package io.vaultdrop.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultdrop.ratelimit.RateLimitedException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DomainExceptionTest {

  @Test
  void catalogue_codesAreSnakeCase_statusesAreErrors_titlesAreSet() {
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(code.code()).as(code.name()).matches("[a-z][a-z0-9_]{0,63}");
      assertThat(code.status()).as(code.name()).isBetween(400, 599);
      assertThat(code.title()).as(code.name()).isNotBlank();
    }
    assertThat(Arrays.stream(ErrorCode.values()).map(c -> c.code() + "/" + c.status()))
        .doesNotHaveDuplicates();
  }

  @Test
  void catalogue_keepsTheCodesTheApiContractFixes() {
    assertThat(ErrorCode.NOT_FOUND)
        .extracting(ErrorCode::status, ErrorCode::code)
        .containsExactly(404, "not_found");
    assertThat(ErrorCode.TOO_LARGE)
        .extracting(ErrorCode::status, ErrorCode::code)
        .containsExactly(413, "too_large");
    assertThat(ErrorCode.RATE_LIMITED)
        .extracting(ErrorCode::status, ErrorCode::code)
        .containsExactly(429, "rate_limited");
    assertThat(ErrorCode.WEAK_PASSWORD)
        .extracting(ErrorCode::status, ErrorCode::code)
        .containsExactly(400, "weak_password");
    assertThat(ErrorCode.INVALID_TOKEN)
        .extracting(ErrorCode::status, ErrorCode::code)
        .containsExactly(400, "invalid_token");
    assertThat(ErrorCode.UNSUPPORTED_ALGORITHM)
        .extracting(ErrorCode::status, ErrorCode::code)
        .containsExactly(400, "unsupported_algorithm");
    assertThat(ErrorCode.DECRYPTION_FAILED)
        .extracting(ErrorCode::status, ErrorCode::code)
        .containsExactly(422, "decryption_failed");
    assertThat(ErrorCode.UNSUPPORTED_FILE_TYPE)
        .extracting(ErrorCode::status, ErrorCode::code)
        .containsExactly(415, "unsupported_file_type");
  }

  @Test
  void accessors_comeFromTheCatalogue() {
    DomainException e =
        new DomainException(
            ErrorCode.WRONG_PASSWORD, "problem.x", Map.of("attemptsLeft", 3), 7, "y");
    assertThat(e.errorCode()).isEqualTo(ErrorCode.WRONG_PASSWORD);
    assertThat(e.status()).isEqualTo(401);
    assertThat(e.code()).isEqualTo("wrong_password");
    assertThat(e.title()).isEqualTo("Wrong Password");
    assertThat(e.detailKey()).isEqualTo("problem.x");
    assertThat(e.detailArgs()).containsExactly("7", "y");
    assertThat(e.properties()).containsExactly(Map.entry("attemptsLeft", 3));
  }

  @Test
  void factories() {
    assertThat(DomainException.notFound())
        .extracting(
            DomainException::status,
            DomainException::code,
            DomainException::title,
            DomainException::detailKey)
        .containsExactly(404, "not_found", "Not Found", null);
    assertThat(DomainException.invalidRequest("problem.nope"))
        .extracting(
            DomainException::status,
            DomainException::code,
            DomainException::title,
            DomainException::detailKey)
        .containsExactly(400, "invalid_request", "Bad Request", "problem.nope");
    assertThat(DomainException.tooLarge())
        .extracting(
            DomainException::status,
            DomainException::code,
            DomainException::title,
            DomainException::detailKey)
        .containsExactly(413, "too_large", "Content Too Large", "problem.too-large");
  }

  @Test
  void properties_mustNotShadowStandardMembers() {
    for (String reserved : new String[] {"status", "code", "title", "detail", "correlationId"}) {
      assertThatThrownBy(
              () -> new DomainException(ErrorCode.INVALID_REQUEST, null, Map.of(reserved, 200)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void retryAfter_isRoundedUpToWholeSeconds_andAtLeastOne() {
    assertThat(new RateLimitedException(Duration.ofMillis(1500)).retryAfterSeconds()).isEqualTo(2);
    assertThat(new RateLimitedException(Duration.ZERO).retryAfterSeconds()).isEqualTo(1);
    assertThat(new RateLimitedException(Duration.ofSeconds(60)).retryAfterSeconds()).isEqualTo(60);
    assertThat(new RateLimitedException(Duration.ofSeconds(60)).errorCode())
        .isEqualTo(ErrorCode.RATE_LIMITED);
    assertThatThrownBy(() -> new RateLimitedException(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void message_isOnlyTheCode() {
    assertThat(DomainException.tooLarge().getMessage()).isEqualTo("too_large");
    assertThat(DomainException.tooLarge().getStackTrace()).isEmpty();
  }
}
