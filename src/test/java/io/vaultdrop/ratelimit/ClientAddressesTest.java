package io.vaultdrop.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressesTest {

  private final ClientAddresses behindProxy =
      new ClientAddresses(new RateLimitProperties(List.of("10.0.0.0/8", "192.0.2.1")));
  private final ClientAddresses direct = new ClientAddresses(new RateLimitProperties(List.of()));

  @Test
  void of_withoutTrustedProxies_ignoresForwardedFor() {
    assertThat(direct.of(request("203.0.113.9", "198.51.100.1"))).isEqualTo("203.0.113.9");
  }

  @Test
  void of_untrustedPeer_cannotChooseItsAddress() {
    assertThat(behindProxy.of(request("203.0.113.9", "198.51.100.1"))).isEqualTo("203.0.113.9");
  }

  @Test
  void of_trustedProxy_yieldsTheNearestUntrustedHop() {
    // The client prepended a fake hop; our proxies appended the real one.
    assertThat(behindProxy.of(request("10.1.2.3", "1.2.3.4, 198.51.100.7, 192.0.2.1")))
        .isEqualTo("198.51.100.7");
  }

  @Test
  void of_trustedProxyWithGarbageHeader_fallsBackToThePeer() {
    assertThat(behindProxy.of(request("10.1.2.3", "evil\r\nheader"))).isEqualTo("10.1.2.3");
    assertThat(behindProxy.of(request("10.1.2.3", null))).isEqualTo("10.1.2.3");
  }

  private static MockHttpServletRequest request(String peer, String forwardedFor) {
    MockHttpServletRequest request = new MockHttpServletRequest();
    request.setRemoteAddr(peer);
    if (forwardedFor != null) {
      request.addHeader("X-Forwarded-For", forwardedFor);
    }
    return request;
  }
}
