package io.vaultdrop.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class ApiExceptionTest {

  @Test
  void code_mustBeSnakeCase() {
    assertThatThrownBy(() -> new ApiException(HttpStatus.BAD_REQUEST, "Bad Code", "t"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void properties_mustNotShadowStandardMembers() {
    assertThatThrownBy(
            () -> new ApiException(HttpStatus.BAD_REQUEST, "x", "t", null, Map.of("status", 200)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void retryAfter_isRoundedUpToWholeSeconds_andAtLeastOne() {
    assertThat(new RateLimitedException(Duration.ofMillis(1500)).retryAfterSeconds()).isEqualTo(2);
    assertThat(new RateLimitedException(Duration.ZERO).retryAfterSeconds()).isEqualTo(1);
    assertThat(new RateLimitedException(Duration.ofSeconds(60)).headers().getFirst("Retry-After"))
        .isEqualTo("60");
  }

  @Test
  void message_isOnlyTheCode() {
    assertThat(ApiException.tooLarge().getMessage()).isEqualTo("too_large");
    assertThat(ApiException.tooLarge().getStackTrace()).isEmpty();
  }
}
