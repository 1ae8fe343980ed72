package io.vaultdrop.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultdrop.config.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class MetricsAccessTest {

  private static final String TOKEN = "0123456789abcdef0123456789abcdef";

  @Test
  void shortOrPaddedToken_stopsStartUpNamingTheVariableButNotTheValue() {
    assertThatThrownBy(() -> new MetricsAccess("short-secret"))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("VAULTDROP_METRICS_TOKEN")
        .hasMessageNotContaining("short-secret");
    assertThatThrownBy(() -> new MetricsAccess(" " + TOKEN))
        .isInstanceOf(InvalidSettingException.class);
  }

  @Test
  void unsetToken_refusesEveryRequest() {
    assertThat(new MetricsAccess(null).permits(withAuthorization("Bearer "))).isFalse();
    assertThat(new MetricsAccess("  ").permits(withAuthorization("Bearer  "))).isFalse();
  }

  @Test
  void permitsExactlyTheConfiguredBearerToken() {
    MetricsAccess access = new MetricsAccess(TOKEN);
    assertThat(access.permits(withAuthorization("Bearer " + TOKEN))).isTrue();
    assertThat(access.permits(withAuthorization("bearer " + TOKEN))).isTrue();
    assertThat(access.permits(withAuthorization("Bearer " + TOKEN.substring(1)))).isFalse();
    assertThat(access.permits(withAuthorization("Basic " + TOKEN))).isFalse();
    assertThat(access.permits(new MockHttpServletRequest())).isFalse();
  }

  @Test
  void toString_neverShowsTheToken() {
    assertThat(new MetricsAccess(TOKEN).toString()).doesNotContain(TOKEN).contains("<set>");
  }

  private static MockHttpServletRequest withAuthorization(String value) {
    MockHttpServletRequest request = new MockHttpServletRequest();
    request.addHeader("Authorization", value);
    return request;
  }
}
