package io.vaultdrop.crypto.internal;

import io.vaultdrop.config.VaultdropProperties;
import io.vaultdrop.crypto.AgeFiles;
import io.vaultdrop.crypto.MasterKeyRing;
import io.vaultdrop.crypto.ObjectCipher;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Exposes the crypto module: the master key ring, the object cipher and age files. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MasterKeyProperties.class)
class CryptoConfiguration {

  /** Fails start-up with a clear message when the master key is misconfigured. */
  @Bean
  MasterKeyRing masterKeyRing(MasterKeyProperties properties, VaultdropProperties vaultdrop) {
    return MasterKeyLoader.load(properties, vaultdrop.dataDir());
  }

  @Bean
  ObjectCipher objectCipher() {
    return new StreamingObjectCipher();
  }

  @Bean
  AgeFiles ageFiles() {
    return new JaggedAgeFiles();
  }
}
