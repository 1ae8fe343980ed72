package io.vaultdrop.vault.internal;

import io.vaultdrop.config.InvalidSettingException;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Vault settings ({@code vaultdrop.vault.*}, or {@code VAULTDROP_VAULT_*}).
 *
 * @param quota how much one user may keep in the vault, counted in plaintext bytes and enforced
 *     while uploads stream in ({@code VAULTDROP_VAULT_QUOTA}, e.g. {@code 10GB})
 * @param uploadsPerHour uploads one user may start per hour ({@code
 *     VAULTDROP_VAULT_UPLOADS_PER_HOUR})
 * @param uploadTimeout an upload still running after this long is treated as crashed: the object
 *     sweeper drops its quota reservation ({@code VAULTDROP_VAULT_UPLOAD_TIMEOUT}); its blob is a
 *     pending object, removed after {@code VAULTDROP_OBJECTS_PENDING_AGE}
 */
@ConfigurationProperties("vaultdrop.vault")
public record VaultProperties(
    @DefaultValue("10GB") DataSize quota,
    @DefaultValue("100") int uploadsPerHour,
    @DefaultValue("PT24H") Duration uploadTimeout) {

  public VaultProperties {
    if (quota.toBytes() <= 0) {
      throw new InvalidSettingException(
          "VAULTDROP_VAULT_QUOTA", "must be a positive size such as 10GB");
    }
    if (uploadsPerHour <= 0) {
      throw new InvalidSettingException(
          "VAULTDROP_VAULT_UPLOADS_PER_HOUR", "must be a positive number");
    }
    if (uploadTimeout.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new InvalidSettingException("VAULTDROP_VAULT_UPLOAD_TIMEOUT", "must be at least 1m");
    }
  }
}
