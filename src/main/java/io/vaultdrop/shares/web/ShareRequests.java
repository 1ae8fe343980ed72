package io.vaultdrop.shares.web;

import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.config.VaultdropProperties;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.ratelimit.ClientAddresses;
import io.vaultdrop.ratelimit.RateLimitPolicy;
import io.vaultdrop.ratelimit.RateLimiter;
import io.vaultdrop.shares.ShareLinks;
import io.vaultdrop.shares.internal.PendingShare;
import io.vaultdrop.shares.internal.ShareProperties;
import io.vaultdrop.shares.internal.ShareService;
import io.vaultdrop.uploads.UploadTarget;
import io.vaultdrop.web.FormFields;
import io.vaultdrop.web.MultipartResult;
import io.vaultdrop.web.StreamingMultipart;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What the API and the pages share: rate limits per client address (per account for signed-in
 * creation), the upload size limit of the caller, and the streamed creation itself.
 */
@Component
final class ShareRequests implements UploadTarget {

  private final RateLimiter limiter;
  private final ClientAddresses addresses;
  private final StreamingMultipart multipart;
  private final ShareService shares;
  private final VaultdropProperties vaultdrop;
  private final ShareProperties properties;
  private final RateLimitPolicy createAnonymous;
  private final RateLimitPolicy createSignedIn;
  private final RateLimitPolicy read;
  private final RateLimitPolicy download;

  ShareRequests(
      RateLimiter limiter,
      ClientAddresses addresses,
      StreamingMultipart multipart,
      ShareService shares,
      VaultdropProperties vaultdrop,
      ShareProperties properties) {
    this.limiter = limiter;
    this.addresses = addresses;
    this.multipart = multipart;
    this.shares = shares;
    this.vaultdrop = vaultdrop;
    this.properties = properties;
    ShareProperties.RateLimits limits = properties.rateLimits();
    this.createAnonymous =
        new RateLimitPolicy(
            "share-create-anonymous", limits.anonymousCreatesPerHour(), Duration.ofHours(1));
    this.createSignedIn = limits.signedInCreates();
    this.read = new RateLimitPolicy("share-read", limits.readsPerMinute(), Duration.ofMinutes(1));
    this.download =
        new RateLimitPolicy("share-download", limits.downloadsPerMinute(), Duration.ofMinutes(1));
  }

  /**
   * Streams a new share from a multipart request, after the creation rate limit: every {@code file}
   * part becomes a file of the share (at most {@code VAULTDROP_SHARES_MAX_FILES}), all of them
   * together within the caller's upload limit.
   */
  ShareLinks.CreatedLink create(HttpServletRequest request, @Nullable CurrentUser me)
      throws IOException {
    if (me == null && !vaultdrop.anonymousUploads()) {
      throw new DomainException(ErrorCode.UNAUTHORIZED, "problem.share.sign-in");
    }
    if (me == null) {
      limiter.consume(createAnonymous, ClientAddresses.budgetKey(addresses.of(request)));
    } else {
      limiter.consume(createSignedIn, "user:" + me.id());
    }
    long limit = vaultdrop.maxUploadSize().toBytes();
    if (me == null) {
      limit = Math.min(limit, properties.anonymousMaxSize().toBytes());
    }
    MultipartResult<PendingShare> result =
        multipart.receiveFiles(
            request,
            StreamingMultipart.DEFAULT_FILE_PART,
            limit,
            properties.maxFiles(),
            (pending, file, before, bytesLeft) -> {
              PendingShare share = pending;
              if (share == null) {
                // The key depends on the password, so it must come first; fail fast on the rest.
                if (before.all("password").size() > 1) {
                  throw DomainException.invalidRequest("problem.share.one-password");
                }
                shares.checkOptions(options(before));
                share = shares.begin(before.first("password").orElse(null));
              }
              try {
                share.add(file.fileName(), file.content(), bytesLeft);
              } catch (IOException | RuntimeException e) {
                if (pending == null) {
                  share.close();
                }
                throw e;
              }
              return share;
            });
    try (PendingShare pending = result.value()) {
      FormFields fields = result.fields();
      // Every non-empty password must be the one the key was derived from: a second one, or one
      // sent after a file, would otherwise be silently dropped and the share left unprotected.
      long passwords = fields.all("password").stream().filter(p -> !p.isEmpty()).count();
      if (passwords > (pending.passwordProtected() ? 1 : 0)) {
        throw DomainException.invalidRequest("problem.share.password-first");
      }
      return shares.publish(pending, options(fields), me == null ? null : me.id());
    }
  }

  private static ShareLinks.Options options(FormFields fields) {
    return ShareLinks.Options.fromForm(
        fields.first("expiresIn").orElse(null), fields.first("maxDownloads").orElse(null), null);
  }

  /** Shares from finished uploads: the same limits as a multipart share. */
  @Override
  public String name() {
    return "shares";
  }

  @Override
  public OptionalLong maxBytes(@Nullable CurrentUser caller) {
    if (caller == null && !vaultdrop.anonymousUploads()) {
      return OptionalLong.empty();
    }
    long limit = vaultdrop.maxUploadSize().toBytes();
    if (caller == null) {
      limit = Math.min(limit, properties.anonymousMaxSize().toBytes());
    }
    return OptionalLong.of(limit);
  }

  void limitRead(HttpServletRequest request) {
    limiter.consume(read, ClientAddresses.budgetKey(addresses.of(request)));
  }

  void limitDownload(HttpServletRequest request) {
    limiter.consume(download, ClientAddresses.budgetKey(addresses.of(request)));
  }

  /** The largest upload accepted, in bytes (VAULTDROP_MAX_UPLOAD_SIZE). */
  long maxUploadSize() {
    return vaultdrop.maxUploadSize().toBytes();
  }

  int maxFiles() {
    return properties.maxFiles();
  }

  boolean blockNonBrowserAgents() {
    return properties.blockNonBrowserAgents();
  }

  /**
   * A rough browser test for the optional 406 refusal: browsers all send {@code Mozilla/5.0}. A
   * convenience against scripts and preview bots, not a security boundary.
   */
  static boolean looksLikeBrowser(@Nullable String userAgent) {
    return userAgent != null && userAgent.startsWith("Mozilla/5.0 ");
  }
}
