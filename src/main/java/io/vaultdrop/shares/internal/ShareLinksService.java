package io.vaultdrop.shares.internal;

import io.vaultdrop.config.VaultdropProperties;
import io.vaultdrop.ratelimit.RateLimiter;
import io.vaultdrop.shares.ShareLinks;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.stereotype.Service;

/**
 * {@link ShareLinks} for other modules: the same typed path as an upload (options checked,
 * encrypted while streaming, nothing left on failure), against the same per-user creation budget.
 */
@Service
final class ShareLinksService implements ShareLinks {

  private final ShareService shares;
  private final RateLimiter limiter;
  private final ShareProperties properties;
  private final long maxUpload;

  ShareLinksService(
      ShareService shares,
      RateLimiter limiter,
      ShareProperties properties,
      VaultdropProperties vaultdrop) {
    this.shares = shares;
    this.limiter = limiter;
    this.properties = properties;
    this.maxUpload = vaultdrop.maxUploadSize().toBytes();
  }

  @Override
  public CreatedLink create(String ownerId, String fileName, InputStream content, Options options)
      throws IOException {
    limiter.consume(properties.rateLimits().signedInCreates(), "user:" + ownerId);
    shares.checkOptions(options);
    try (PendingShare pending = shares.begin(options.password())) {
      pending.add(fileName, content, maxUpload);
      return shares.publish(pending, options, ownerId);
    }
  }
}
