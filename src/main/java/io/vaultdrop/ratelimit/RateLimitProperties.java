package io.vaultdrop.ratelimit;

import io.vaultdrop.config.InvalidSettingException;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param trustedProxies addresses or CIDR ranges of reverse proxies whose {@code X-Forwarded-For}
 *     is believed ({@code VAULTDROP_TRUSTED_PROXIES}, comma separated); none by default
 * @param redisUrl {@code redis://[:password@]host:port[/database]} (or {@code rediss://} for TLS):
 *     keep rate-limit budgets in this Redis instead of the database ({@code VAULTDROP_REDIS_URL});
 *     unset: in the database
 * @param redisTimeout how long one Redis call may take before the request fails with 503 ({@code
 *     VAULTDROP_REDIS_TIMEOUT})
 */
@ConfigurationProperties("vaultdrop")
public record RateLimitProperties(
    @DefaultValue List<String> trustedProxies,
    @Nullable String redisUrl,
    @DefaultValue("PT2S") Duration redisTimeout) {

  public RateLimitProperties {
    if (redisUrl != null && redisUrl.isBlank()) {
      redisUrl = null;
    }
    if (redisTimeout.isNegative() || redisTimeout.isZero()) {
      throw new InvalidSettingException(
          "VAULTDROP_REDIS_TIMEOUT", "must be a positive duration such as 2s");
    }
  }
}
