package io.vaultdrop.shares.internal;

import io.vaultdrop.config.InvalidSettingException;
import io.vaultdrop.ratelimit.RateLimitPolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Share link settings ({@code vaultdrop.shares.*}, env {@code VAULTDROP_SHARES_*}).
 *
 * @param anonymousMaxSize largest file an anonymous visitor may share (signed-in users are bound by
 *     {@code VAULTDROP_MAX_UPLOAD_SIZE})
 * @param maxExpiry longest {@code expiresIn} a client may ask for
 * @param maxDownloadsLimit largest {@code maxDownloads} a client may ask for
 * @param maxFiles most files one share may hold (more in one upload: 400, nothing stored)
 * @param blockNonBrowserAgents answer the landing page with 406 to clients whose User-Agent is not
 *     a browser's. A convenience against link-preview bots and scripts, NOT a security boundary:
 *     any client can send a browser User-Agent, and GET never consumes a download anyway
 * @param stalledTransferTimeout a used-up share whose last transfers never reported their end (a
 *     node died mid-download) is swept this long after the last claim
 * @param resumeGrace how long the claimant of an aborted download may resume it with {@code Range}
 *     (the share, even if used up, is kept that long)
 * @param tombstoneRetention how long the landing page of an ended link still says why it ended
 *     (used up, expired, revoked, locked); afterwards it is an unknown link (404)
 * @param rateLimits budgets per client address (per account for signed-in creation)
 */
@ConfigurationProperties("vaultdrop.shares")
public record ShareProperties(
    @DefaultValue("100MB") DataSize anonymousMaxSize,
    @DefaultValue("P7D") Duration maxExpiry,
    @DefaultValue("100") int maxDownloadsLimit,
    @DefaultValue("100") int maxFiles,
    @DefaultValue("false") boolean blockNonBrowserAgents,
    @DefaultValue("PT6H") Duration stalledTransferTimeout,
    @DefaultValue("PT15M") Duration resumeGrace,
    @DefaultValue("P30D") Duration tombstoneRetention,
    @DefaultValue RateLimits rateLimits) {

  /** Highest {@code VAULTDROP_SHARES_MAX_FILES}: every file is a stored object and a zip entry. */
  public static final int MAX_FILES_LIMIT = 1000;

  /**
   * @param anonymousCreatesPerHour shares an anonymous client address may create per hour
   * @param createsPerHour shares a signed-in user may create per hour
   * @param readsPerMinute metadata reads and landing page views per client address per minute
   * @param downloadsPerMinute download attempts (including password attempts) per client address
   *     per minute
   */
  public record RateLimits(
      @DefaultValue("10") long anonymousCreatesPerHour,
      @DefaultValue("100") long createsPerHour,
      @DefaultValue("120") long readsPerMinute,
      @DefaultValue("30") long downloadsPerMinute) {

    public RateLimits {
      if (anonymousCreatesPerHour <= 0
          || createsPerHour <= 0
          || readsPerMinute <= 0
          || downloadsPerMinute <= 0) {
        throw new InvalidSettingException(
            "VAULTDROP_SHARES_RATE_LIMITS_*", "must be positive numbers");
      }
    }

    /** Shares one signed-in user may create, by upload or from a vault file (key: user id). */
    public RateLimitPolicy signedInCreates() {
      return new RateLimitPolicy("share-create-user", createsPerHour, Duration.ofHours(1));
    }
  }

  public ShareProperties {
    if (anonymousMaxSize.toBytes() <= 0) {
      throw new InvalidSettingException(
          "VAULTDROP_SHARES_ANONYMOUS_MAX_SIZE", "must be a positive size such as 100MB");
    }
    if (maxExpiry.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new InvalidSettingException("VAULTDROP_SHARES_MAX_EXPIRY", "must be at least 1m");
    }
    if (maxDownloadsLimit < 1 || maxDownloadsLimit > 1_000_000) {
      throw new InvalidSettingException(
          "VAULTDROP_SHARES_MAX_DOWNLOADS_LIMIT", "must be between 1 and 1000000");
    }
    if (maxFiles < 1 || maxFiles > MAX_FILES_LIMIT) {
      throw new InvalidSettingException(
          "VAULTDROP_SHARES_MAX_FILES", "must be between 1 and " + MAX_FILES_LIMIT);
    }
    if (resumeGrace.isNegative() || resumeGrace.compareTo(Duration.ofDays(1)) > 0) {
      throw new InvalidSettingException(
          "VAULTDROP_SHARES_RESUME_GRACE", "must be a duration between 0 (no resume) and 1d");
    }
    if (tombstoneRetention.isNegative() || tombstoneRetention.compareTo(Duration.ofDays(365)) > 0) {
      throw new InvalidSettingException(
          "VAULTDROP_SHARES_TOMBSTONE_RETENTION", "must be a duration between 0 and 365d");
    }
    if (stalledTransferTimeout.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new InvalidSettingException(
          "VAULTDROP_SHARES_STALLED_TRANSFER_TIMEOUT", "must be at least 1m");
    }
  }
}
