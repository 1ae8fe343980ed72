package io.vaultdrop.ratelimit;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param trustedProxies addresses or CIDR ranges of reverse proxies whose {@code X-Forwarded-For}
 *     is believed ({@code VAULTDROP_TRUSTED_PROXIES}, comma separated); none by default
 */
@ConfigurationProperties("vaultdrop")
public record RateLimitProperties(@DefaultValue List<String> trustedProxies) {}
