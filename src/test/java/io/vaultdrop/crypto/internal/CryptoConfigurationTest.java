package io.vaultdrop.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.config.VaultdropProperties;
import io.vaultdrop.crypto.AgeFiles;
import io.vaultdrop.crypto.MasterKey;
import io.vaultdrop.crypto.MasterKeyRing;
import io.vaultdrop.crypto.ObjectCipher;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class CryptoConfigurationTest {

  @TempDir Path dataDir;

  @EnableConfigurationProperties(VaultdropProperties.class)
  static class Instance {}

  private ApplicationContextRunner runner(Map<String, Object> environment) {
    return new ApplicationContextRunner()
        .withUserConfiguration(Instance.class, CryptoConfiguration.class)
        .withInitializer(
            context ->
                context
                    .getEnvironment()
                    .getPropertySources()
                    .addFirst(
                        new SystemEnvironmentPropertySource(
                            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                            environment)));
  }

  @Test
  void context_withEnvironmentKeys_bindsThemAndExposesBeans() {
    MasterKey current = MasterKey.generate();
    MasterKey old = MasterKey.generate();
    Map<String, Object> env =
        Map.of(
            "VAULTDROP_DATA_DIR", dataDir.toString(),
            "VAULTDROP_MASTER_KEY", base64(current),
            "VAULTDROP_PREVIOUS_MASTER_KEYS", base64(old));

    runner(env)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              MasterKeyRing ring = context.getBean(MasterKeyRing.class);
              assertThat(ring.primaryKeyId()).isEqualTo(current.keyId());
              assertThat(ring.keyIds()).contains(old.keyId());
              assertThat(context).hasSingleBean(ObjectCipher.class).hasSingleBean(AgeFiles.class);
            });
  }

  @Test
  void context_withoutKey_generatesKeyFileInDataDir() {
    runner(Map.of("VAULTDROP_DATA_DIR", dataDir.toString()))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(dataDir.resolve("keys/master.key")).exists();
            });
  }

  @Test
  void context_withBadKey_failsStartUpNamingTheVariableWithoutTheValue() {
    String value = "dGhpcyBpcyBub3QgMzIgYnl0ZXM=";
    runner(Map.of("VAULTDROP_DATA_DIR", dataDir.toString(), "VAULTDROP_MASTER_KEY", value))
        .run(
            context -> {
              assertThat(context).hasFailed();
              Throwable failure = context.getStartupFailure();
              StringBuilder messages = new StringBuilder();
              for (Throwable t = failure; t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append('\n');
              }
              assertThat(messages.toString())
                  .contains("VAULTDROP_MASTER_KEY")
                  .doesNotContain(value);
            });
  }

  private static String base64(MasterKey key) {
    return Base64.getEncoder().encodeToString(key.exportSecretBytes());
  }
}
