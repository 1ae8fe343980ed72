package io.vaultdrop.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

/**
 * The client's address for rate limits and the audit log. {@code X-Forwarded-For} is believed only
 * when the connection comes from a configured trusted proxy ({@code VAULTDROP_TRUSTED_PROXIES});
 * otherwise anyone could pick a fresh address per request and escape every limit.
 */
@Component
public final class ClientAddresses {

  private final List<IpAddressMatcher> trustedProxies;

  ClientAddresses(RateLimitProperties properties) {
    this.trustedProxies = properties.trustedProxies().stream().map(IpAddressMatcher::new).toList();
  }

  public String of(HttpServletRequest request) {
    String remote = request.getRemoteAddr();
    if (!isTrusted(remote)) {
      return remote;
    }
    String forwarded = request.getHeader("X-Forwarded-For");
    if (forwarded == null || forwarded.isBlank()) {
      return remote;
    }
    // Walk from the nearest hop outwards; the first hop that is not one of ours is the client.
    String[] hops = forwarded.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].strip();
      if (!isValidAddress(hop)) {
        return remote;
      }
      if (!isTrusted(hop)) {
        return hop;
      }
    }
    return hops[0].strip();
  }

  /**
   * The key under which an address's rate-limit budget is kept: an IPv4 address itself, an IPv6
   * address its /64 network. A single subscriber customarily gets a whole /64 and can pick a fresh
   * address from it for every request, so per-address budgets on full IPv6 addresses would limit
   * nothing. IPv4-mapped IPv6 addresses count as their IPv4 address.
   */
  public static String budgetKey(String address) {
    if (address == null || address.indexOf(':') < 0) {
      return address;
    }
    try {
      // ofLiteral never consults DNS, unlike getByName.
      InetAddress parsed = InetAddress.ofLiteral(address);
      if (parsed instanceof Inet4Address v4) {
        return v4.getHostAddress();
      }
      byte[] network = Arrays.copyOf(parsed.getAddress(), 16);
      Arrays.fill(network, 8, 16, (byte) 0);
      return InetAddress.getByAddress(network).getHostAddress() + "/64";
    } catch (IllegalArgumentException | UnknownHostException notALiteral) {
      return address;
    }
  }

  private boolean isTrusted(String address) {
    return isValidAddress(address) && trustedProxies.stream().anyMatch(m -> m.matches(address));
  }

  private static boolean isValidAddress(String candidate) {
    return candidate != null
        && !candidate.isEmpty()
        && candidate.length() <= 45
        && candidate.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':');
  }
}
