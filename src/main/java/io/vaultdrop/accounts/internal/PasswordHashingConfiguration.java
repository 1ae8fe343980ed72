package io.vaultdrop.accounts.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Argon2id with the OWASP minimum (m=19456 KiB, t=2, p=1), set explicitly: Spring's own defaults
 * are weaker (m=16384).
 */
@Configuration(proxyBeanMethods = false)
class PasswordHashingConfiguration {

  static final int SALT_BYTES = 16;
  static final int HASH_BYTES = 32;
  static final int PARALLELISM = 1;
  static final int MEMORY_KIB = 19_456;
  static final int ITERATIONS = 2;

  @Bean
  PasswordEncoder passwordEncoder() {
    return new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, PARALLELISM, MEMORY_KIB, ITERATIONS);
  }
}
