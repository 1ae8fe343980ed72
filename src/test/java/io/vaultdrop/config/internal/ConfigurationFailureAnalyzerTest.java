package io.vaultdrop.config.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.vaultdrop.config.VaultdropProperties;
import jakarta.validation.Validation;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

class ConfigurationFailureAnalyzerTest {

  private final ConfigurationFailureAnalyzer analyzer = new ConfigurationFailureAnalyzer();

  @Test
  void analyze_unparsableEnvironmentVariable_namesTheVariableWithoutTheValue() {
    FailureAnalysis analysis = bindFailure(Map.of("VAULTDROP_MAX_UPLOAD_SIZE", "lots-of-bytes"));

    assertThat(analysis.getDescription())
        .isEqualTo(
            "Invalid configuration: VAULTDROP_MAX_UPLOAD_SIZE (vaultdrop.max-upload-size) is not a"
                + " size such as 10GB")
        .doesNotContain("lots-of-bytes");
    assertThat(analysis.getDescription()).doesNotContain("\n");
  }

  @Test
  void analyze_valueRejectedByTheRecord_usesTheRecordsOwnMessage() {
    FailureAnalysis analysis = bindFailure(Map.of("VAULTDROP_PUBLIC_URL", "ftp://secret-host/"));

    assertThat(analysis.getDescription())
        .isEqualTo(
            "Invalid configuration: VAULTDROP_PUBLIC_URL must be an absolute http(s) URL such as"
                + " https://files.example.org")
        .doesNotContain("secret-host");
  }

  @Test
  void analyze_negativeSize_isRefused() {
    FailureAnalysis analysis = bindFailure(Map.of("VAULTDROP_MAX_UPLOAD_SIZE", "0B"));

    assertThat(analysis.getDescription())
        .isEqualTo(
            "Invalid configuration: VAULTDROP_MAX_UPLOAD_SIZE must be a positive size such as 10GB");
  }

  @Test
  void analyze_validValues_bindWithoutFailure() {
    Binder binder =
        binderFor(Map.of("VAULTDROP_MAX_UPLOAD_SIZE", "5MB", "VAULTDROP_DATA_DIR", "/x"));

    VaultdropProperties properties =
        binder.bind("vaultdrop", Bindable.of(VaultdropProperties.class)).get();

    assertThat(properties.maxUploadSize().toMegabytes()).isEqualTo(5);
    assertThat(properties.dataDir()).hasToString("/x");
    assertThat(properties.anonymousUploads()).isTrue();
    assertThat(properties.tool().retention()).isEqualTo(java.time.Duration.ofHours(1));
  }

  @Test
  void analyze_toolRetention_bindsFromItsVariableAndRefusesZero() {
    Binder binder = binderFor(Map.of("VAULTDROP_TOOL_RETENTION", "PT30M"));
    assertThat(
            binder
                .bind("vaultdrop", Bindable.of(VaultdropProperties.class))
                .get()
                .tool()
                .retention())
        .isEqualTo(java.time.Duration.ofMinutes(30));

    assertThat(bindFailure(Map.of("VAULTDROP_TOOL_RETENTION", "PT0S")).getDescription())
        .isEqualTo("Invalid configuration: VAULTDROP_TOOL_RETENTION must be a positive duration");
  }

  @Test
  void analyze_unrelatedFailure_isLeftToSpring() {
    assertThat(analyzer.analyze(new IllegalStateException("boom"))).isNull();
  }

  private FailureAnalysis bindFailure(Map<String, Object> environment) {
    Binder binder = binderFor(environment);
    var validator =
        new SpringValidatorAdapter(Validation.buildDefaultValidatorFactory().getValidator());
    BindHandler handler = new ValidationBindHandler(validator);
    Throwable failure =
        catchThrowable(
            () -> binder.bind("vaultdrop", Bindable.of(VaultdropProperties.class), handler));
    assertThat(failure).as("binding must fail").isNotNull();
    FailureAnalysis analysis = analyzer.analyze(failure);
    assertThat(analysis).as("analysis of %s", failure).isNotNull();
    return analysis;
  }

  private static Binder binderFor(Map<String, Object> environment) {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources()
        .replace(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
    ConfigurationPropertySources.attach(env);
    return Binder.get(env);
  }
}
