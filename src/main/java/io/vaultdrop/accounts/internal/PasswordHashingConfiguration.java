package io.vaultdrop.accounts.internal;

import io.vaultdrop.passwords.PasswordWork;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Argon2id with the OWASP minimum (m=19456 KiB, t=2, p=1), set explicitly: Spring's own defaults
 * are weaker (m=16384). Every hash and check runs on the bounded password-check pool ({@link
 * PasswordWork}): logins, registration, password changes and accounts created by an administrator.
 */
@Configuration(proxyBeanMethods = false)
class PasswordHashingConfiguration {

  static final int SALT_BYTES = 16;
  static final int HASH_BYTES = 32;
  static final int PARALLELISM = 1;
  static final int MEMORY_KIB = 19_456;
  static final int ITERATIONS = 2;

  @Bean
  PasswordEncoder passwordEncoder(PasswordWork work) {
    return new PooledEncoder(
        new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, PARALLELISM, MEMORY_KIB, ITERATIONS),
        work);
  }

  /**
   * Hashes and checks on the pool; throws {@link PasswordWork.Busy} (429 {@code busy}) when it is
   * full.
   */
  private record PooledEncoder(PasswordEncoder argon2, PasswordWork work)
      implements PasswordEncoder {

    @Override
    public @Nullable String encode(@Nullable CharSequence rawPassword) {
      return work.run(() -> argon2.encode(rawPassword));
    }

    @Override
    public boolean matches(@Nullable CharSequence rawPassword, @Nullable String encodedPassword) {
      return work.run(() -> argon2.matches(rawPassword, encodedPassword));
    }

    @Override
    public boolean upgradeEncoding(@Nullable String encodedPassword) {
      return argon2.upgradeEncoding(encodedPassword); // parses the hash only: no Argon2 work
    }
  }
}
