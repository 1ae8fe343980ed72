package io.vaultdrop.accounts.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Account settings ({@code vaultdrop.accounts.*}).
 *
 * @param verificationLifetime how long an e-mail verification link works (at most 24 hours)
 * @param mailFrom sender address of account mails
 */
@ConfigurationProperties("vaultdrop.accounts")
public record AccountsProperties(
    @DefaultValue("24h") Duration verificationLifetime,
    @DefaultValue("Vaultdrop <no-reply@vaultdrop.invalid>") String mailFrom) {

  public AccountsProperties {
    if (verificationLifetime.isNegative()
        || verificationLifetime.isZero()
        || verificationLifetime.compareTo(Duration.ofHours(24)) > 0) {
      throw new io.vaultdrop.config.InvalidSettingException(
          "VAULTDROP_ACCOUNTS_VERIFICATION_LIFETIME", "must be between 1s and 24h");
    }
  }
}
