package io.vaultdrop.vault.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.vaultdrop.config.InvalidSettingException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

/** {@code VAULTDROP_VAULT_*} bind from the environment; nonsense stops start-up with one line. */
class VaultPropertiesTest {

  @Test
  void defaults_andEnvironmentVariables() {
    VaultProperties defaults = bind(Map.of());
    assertThat(defaults.quota()).isEqualTo(DataSize.ofGigabytes(10));
    assertThat(defaults.uploadsPerHour()).isEqualTo(100);
    assertThat(defaults.uploadTimeout()).isEqualTo(Duration.ofHours(24));

    VaultProperties set =
        bind(Map.of("VAULTDROP_VAULT_QUOTA", "512MB", "VAULTDROP_VAULT_UPLOADS_PER_HOUR", "7"));
    assertThat(set.quota()).isEqualTo(DataSize.ofMegabytes(512));
    assertThat(set.uploadsPerHour()).isEqualTo(7);
  }

  @Test
  void invalidValues_nameTheVariable_notTheValue() {
    assertThat(failure(Map.of("VAULTDROP_VAULT_QUOTA", "0B")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessage("VAULTDROP_VAULT_QUOTA must be a positive size such as 10GB");
    assertThat(failure(Map.of("VAULTDROP_VAULT_UPLOADS_PER_HOUR", "-3")))
        .hasMessage("VAULTDROP_VAULT_UPLOADS_PER_HOUR must be a positive number");
    assertThat(failure(Map.of("VAULTDROP_VAULT_UPLOAD_TIMEOUT", "PT5S")))
        .hasMessage("VAULTDROP_VAULT_UPLOAD_TIMEOUT must be at least 1m");
  }

  private static Throwable failure(Map<String, Object> environment) {
    Throwable failure = catchThrowable(() -> bind(environment));
    assertThat(failure).isNotNull();
    Throwable cause = failure;
    while (cause.getCause() != null && !(cause instanceof InvalidSettingException)) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static VaultProperties bind(Map<String, Object> environment) {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources()
        .replace(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
    ConfigurationPropertySources.attach(env);
    return Binder.get(env).bindOrCreate("vaultdrop.vault", Bindable.of(VaultProperties.class));
  }
}
