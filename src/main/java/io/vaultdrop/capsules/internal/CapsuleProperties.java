package io.vaultdrop.capsules.internal;

import io.vaultdrop.config.InvalidSettingException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Capsule settings ({@code vaultdrop.capsules.*}, or {@code VAULTDROP_CAPSULES_*}).
 *
 * @param maxAge capsules older than this no longer open and are deleted by the object sweeper
 *     ({@code VAULTDROP_CAPSULES_MAX_AGE}); unset means capsules live until deleted
 * @param anonymousMaxUploadSize largest capsule an anonymous client may create (also capped by
 *     {@code VAULTDROP_MAX_UPLOAD_SIZE})
 * @param anonymousUploadsPerHour capsules one client address may create anonymously per hour
 * @param uploadsPerHour capsules one signed-in account may create per hour
 * @param opensPerMinute open/delete attempts one client address may make per minute
 */
@ConfigurationProperties("vaultdrop.capsules")
public record CapsuleProperties(
    @Nullable Duration maxAge,
    @DefaultValue("100MB") DataSize anonymousMaxUploadSize,
    @DefaultValue("20") int anonymousUploadsPerHour,
    @DefaultValue("200") int uploadsPerHour,
    @DefaultValue("60") int opensPerMinute) {

  public CapsuleProperties {
    if (maxAge != null && (maxAge.isZero() || maxAge.isNegative())) {
      throw new InvalidSettingException(
          "VAULTDROP_CAPSULES_MAX_AGE", "must be a positive duration such as P30D, or unset");
    }
    if (anonymousMaxUploadSize.toBytes() <= 0) {
      throw new InvalidSettingException(
          "VAULTDROP_CAPSULES_ANONYMOUS_MAX_UPLOAD_SIZE", "must be a positive size such as 100MB");
    }
    if (anonymousUploadsPerHour <= 0) {
      throw new InvalidSettingException(
          "VAULTDROP_CAPSULES_ANONYMOUS_UPLOADS_PER_HOUR", "must be a positive number");
    }
    if (uploadsPerHour <= 0) {
      throw new InvalidSettingException(
          "VAULTDROP_CAPSULES_UPLOADS_PER_HOUR", "must be a positive number");
    }
    if (opensPerMinute <= 0) {
      throw new InvalidSettingException(
          "VAULTDROP_CAPSULES_OPENS_PER_MINUTE", "must be a positive number");
    }
  }
}
