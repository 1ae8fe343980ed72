package io.vaultdrop.uploads.internal;

import io.vaultdrop.config.InvalidSettingException;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Resumable upload settings ({@code vaultdrop.uploads.*}, or {@code VAULTDROP_UPLOADS_*}).
 *
 * @param expiry how long an upload lives after its last stored chunk ({@code
 *     VAULTDROP_UPLOADS_EXPIRY}); then it is swept, finished or not
 * @param chunkSize the most bytes stored as one encrypted chunk ({@code
 *     VAULTDROP_UPLOADS_CHUNK_SIZE}): a request body is cut into chunks of this size, each durable
 *     on its own, so a crash mid-request loses at most this much
 * @param createsPerHour uploads a signed-in account may start per hour ({@code
 *     VAULTDROP_UPLOADS_CREATES_PER_HOUR})
 * @param anonymousCreatesPerHour uploads one client address may start anonymously per hour ({@code
 *     VAULTDROP_UPLOADS_ANONYMOUS_CREATES_PER_HOUR})
 * @param maxOpenPerAccount uploads an account may hold at once, finished or not ({@code
 *     VAULTDROP_UPLOADS_MAX_OPEN_PER_ACCOUNT})
 */
@ConfigurationProperties("vaultdrop.uploads")
public record UploadProperties(
    @DefaultValue("PT24H") Duration expiry,
    @DefaultValue("64MB") DataSize chunkSize,
    @DefaultValue("200") int createsPerHour,
    @DefaultValue("30") int anonymousCreatesPerHour,
    @DefaultValue("50") int maxOpenPerAccount) {

  public UploadProperties {
    if (expiry.isNegative() || expiry.isZero()) {
      throw new InvalidSettingException("VAULTDROP_UPLOADS_EXPIRY", "must be a positive duration");
    }
    if (chunkSize.toBytes() < 64 * 1024) {
      throw new InvalidSettingException(
          "VAULTDROP_UPLOADS_CHUNK_SIZE", "must be at least 64KB, such as 64MB");
    }
    positive(createsPerHour, "VAULTDROP_UPLOADS_CREATES_PER_HOUR");
    positive(anonymousCreatesPerHour, "VAULTDROP_UPLOADS_ANONYMOUS_CREATES_PER_HOUR");
    positive(maxOpenPerAccount, "VAULTDROP_UPLOADS_MAX_OPEN_PER_ACCOUNT");
  }

  private static void positive(int value, String variable) {
    if (value <= 0) {
      throw new InvalidSettingException(variable, "must be a positive whole number");
    }
  }
}
