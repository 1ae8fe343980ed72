package io.vaultdrop.shares.internal;

import io.vaultdrop.config.PublicLinks;
import io.vaultdrop.ratelimit.RateLimiter;
import io.vaultdrop.shares.ShareLinks;
import io.vaultdrop.web.FileNames;
import io.vaultdrop.web.FilePart;
import io.vaultdrop.web.FormFields;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * {@link ShareLinks} for other modules: the options become the same form fields an upload sends
 * before its file part, and the content takes {@link ShareService}'s upload path (validation,
 * encryption, clean-up on failure) unchanged. Counts against the same per-user creation budget.
 */
@Service
final class ShareLinksService implements ShareLinks {

  private final ShareService shares;
  private final RateLimiter limiter;
  private final ShareProperties properties;
  private final PublicLinks links;

  ShareLinksService(
      ShareService shares, RateLimiter limiter, ShareProperties properties, PublicLinks links) {
    this.shares = shares;
    this.limiter = limiter;
    this.properties = properties;
    this.links = links;
  }

  @Override
  public CreatedLink create(String ownerId, String fileName, InputStream content, Options options)
      throws IOException {
    limiter.consume(properties.rateLimits().signedInCreates(), "user:" + ownerId);
    Map<String, List<String>> values = new LinkedHashMap<>();
    if (options.expiresInSeconds() != null) {
      values.put("expiresIn", List.of(Long.toString(options.expiresInSeconds())));
    }
    if (options.maxDownloads() != null) {
      values.put("maxDownloads", List.of(Long.toString(options.maxDownloads())));
    }
    if (options.password() != null && !options.password().isEmpty()) {
      values.put("password", List.of(options.password()));
    }
    FormFields fields = new FormFields(values);
    FilePart file = new FilePart("file", FileNames.displayName(fileName), null, content);
    ShareService.CreatedShare created =
        shares.finishCreate(shares.store(file, fields), fields, ownerId);
    String token = created.token().encoded();
    return new CreatedLink(
        token,
        links.link("/s/" + token),
        created.name(),
        created.size(),
        created.expiresAt(),
        created.maxDownloads(),
        created.passwordRequired(),
        created.revokeToken());
  }
}
