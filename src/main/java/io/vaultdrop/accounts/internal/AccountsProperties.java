package io.vaultdrop.accounts.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Account settings ({@code vaultdrop.accounts.*}).
 *
 * @param verificationLifetime how long an e-mail verification link works (at most 24 hours)
 * @param mailFrom sender address of account mails
 * @param tokenLifetime lifetime of API bearer tokens
 * @param sessionAbsoluteTimeout a web login ends this long after the password was entered, however
 *     active the session (the idle timeout is {@code server.servlet.session.timeout})
 * @param passwordResetLifetime how long a password reset link works (at most 1 hour)
 */
@ConfigurationProperties("vaultdrop.accounts")
public record AccountsProperties(
    @DefaultValue("24h") Duration verificationLifetime,
    @DefaultValue("Vaultdrop <no-reply@vaultdrop.invalid>") String mailFrom,
    @DefaultValue("15m") Duration tokenLifetime,
    @DefaultValue("12h") Duration sessionAbsoluteTimeout,
    @DefaultValue("1h") Duration passwordResetLifetime) {

  public AccountsProperties {
    if (verificationLifetime.isNegative()
        || verificationLifetime.isZero()
        || verificationLifetime.compareTo(Duration.ofHours(24)) > 0) {
      throw new io.vaultdrop.config.InvalidSettingException(
          "VAULTDROP_ACCOUNTS_VERIFICATION_LIFETIME", "must be between 1s and 24h");
    }
    if (tokenLifetime.compareTo(Duration.ofSeconds(30)) < 0
        || tokenLifetime.compareTo(Duration.ofHours(24)) > 0) {
      throw new io.vaultdrop.config.InvalidSettingException(
          "VAULTDROP_ACCOUNTS_TOKEN_LIFETIME", "must be between 30s and 24h");
    }
    if (passwordResetLifetime.compareTo(Duration.ofMinutes(5)) < 0
        || passwordResetLifetime.compareTo(Duration.ofHours(1)) > 0) {
      throw new io.vaultdrop.config.InvalidSettingException(
          "VAULTDROP_ACCOUNTS_PASSWORD_RESET_LIFETIME", "must be between 5m and 1h");
    }
    if (sessionAbsoluteTimeout.compareTo(Duration.ofMinutes(5)) < 0) {
      throw new io.vaultdrop.config.InvalidSettingException(
          "VAULTDROP_ACCOUNTS_SESSION_ABSOLUTE_TIMEOUT", "must be at least 5m");
    }
  }
}
