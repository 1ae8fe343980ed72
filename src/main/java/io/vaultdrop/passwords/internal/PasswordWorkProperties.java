package io.vaultdrop.passwords.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Size of the password-check pool ({@link io.vaultdrop.passwords.PasswordWork}).
 *
 * @param threads platform threads hashing passwords at once ({@code
 *     VAULTDROP_PASSWORD_CHECKS_THREADS}); 0 (default) = one per available core
 * @param queue checks that may wait for a thread ({@code VAULTDROP_PASSWORD_CHECKS_QUEUE}); -1
 *     (default) = four per thread; beyond that a check is answered 429 {@code busy}
 */
@ConfigurationProperties("vaultdrop.password-checks")
public record PasswordWorkProperties(
    @DefaultValue("0") int threads, @DefaultValue("-1") int queue) {

  public PasswordWorkProperties {
    if (threads < 0 || queue < -1) {
      throw new IllegalArgumentException(
          "vaultdrop.password-checks.threads must be >= 0 and queue >= -1");
    }
  }
}
