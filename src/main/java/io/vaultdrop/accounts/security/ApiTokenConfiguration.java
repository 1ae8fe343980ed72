package io.vaultdrop.accounts.security;

import io.vaultdrop.accounts.internal.AccountsProperties;
import io.vaultdrop.crypto.MasterKeyRing;
import java.time.Clock;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API token signer, keyed by a sub-key of the master key dedicated to this purpose. */
@Configuration(proxyBeanMethods = false)
class ApiTokenConfiguration {

  static final String KEY_PURPOSE = "vaultdrop/api-token-hs256/v1";

  @Bean
  ApiTokens apiTokens(MasterKeyRing keys, AccountsProperties properties, Clock clock) {
    byte[] key = keys.derivePrimarySubkey(KEY_PURPOSE);
    try {
      return new ApiTokens(new SecretKeySpec(key, "HmacSHA256"), properties.tokenLifetime(), clock);
    } finally {
      java.util.Arrays.fill(key, (byte) 0);
    }
  }
}
