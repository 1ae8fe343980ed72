package io.vaultdrop.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressesTest {

  private final ClientAddresses behindProxy =
      new ClientAddresses(
          new RateLimitProperties(List.of("10.0.0.0/8", "192.0.2.1"), null, Duration.ofSeconds(2)));
  private final ClientAddresses direct =
      new ClientAddresses(new RateLimitProperties(List.of(), null, Duration.ofSeconds(2)));

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

  @Test
  void budgetKey_groupsAnIpv6SubscribersWholeSlash64() {
    assertThat(ClientAddresses.budgetKey("2001:db8:1:2:aaaa::1"))
        .isEqualTo(ClientAddresses.budgetKey("2001:db8:1:2:ffff:ffff:ffff:ffff"))
        .isEqualTo("2001:db8:1:2:0:0:0:0/64");
    assertThat(ClientAddresses.budgetKey("2001:db8:1:3::1"))
        .isNotEqualTo(ClientAddresses.budgetKey("2001:db8:1:2::1"));
  }

  @Test
  void budgetKey_keepsIpv4AsItIs_includingMappedIpv6() {
    assertThat(ClientAddresses.budgetKey("198.51.100.7")).isEqualTo("198.51.100.7");
    assertThat(ClientAddresses.budgetKey("::ffff:198.51.100.7")).isEqualTo("198.51.100.7");
    assertThat(ClientAddresses.budgetKey("198.51.100.8")).isNotEqualTo("198.51.100.7");
  }

  @Test
  void budgetKey_ofSomethingThatIsNoAddress_isTheInputUnchanged() {
    assertThat(ClientAddresses.budgetKey("not:an:address:zz")).isEqualTo("not:an:address:zz");
    assertThat(ClientAddresses.budgetKey("unknown")).isEqualTo("unknown");
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
