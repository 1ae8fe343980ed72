package io.vaultdrop.library.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultdrop.accounts.Role;
import io.vaultdrop.config.InvalidSettingException;
import io.vaultdrop.library.internal.ooxml.OfficeKind;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The library settings as an operator writes them, in environment variables. */
class LibraryPropertiesTest {

  @Test
  void defaults_operatorsAndAdminsPublishEveryKind_membersNone() {
    LibraryProperties properties = bind(Map.of());
    assertThat(properties.publishableBy(Role.OPERATOR))
        .containsExactlyInAnyOrder(OfficeKind.values());
    assertThat(properties.publishableBy(Role.ADMIN)).containsExactlyInAnyOrder(OfficeKind.values());
    assertThat(properties.publishableBy(Role.MEMBER)).isEmpty();
    assertThat(properties.linkLifetime()).isEqualTo(Duration.ofMinutes(10));
    assertThat(properties.ooxmlPolicy().maxEntries()).isEqualTo(10_000);
    assertThat(properties.ooxmlPolicy().allowExternalHyperlinks()).isFalse();
  }

  @Test
  void allowList_perRole_fromEnvironmentVariables_keepsDefaultsForRolesLeftOut() {
    LibraryProperties properties =
        bind(
            Map.of(
                "VAULTDROP_LIBRARY_ALLOWEDTYPES_OPERATOR", "docx,XLSX",
                "VAULTDROP_LIBRARY_LINK_LIFETIME", "2m",
                "VAULTDROP_LIBRARY_MAX_ENTRIES", "500"));
    assertThat(properties.publishableBy(Role.OPERATOR))
        .isEqualTo(Set.of(OfficeKind.DOCX, OfficeKind.XLSX));
    assertThat(properties.publishableBy(Role.ADMIN)).hasSize(3);
    assertThat(properties.linkLifetime()).isEqualTo(Duration.ofMinutes(2));
    assertThat(properties.ooxmlPolicy().maxEntries()).isEqualTo(500);
  }

  @Test
  void badSettings_stopStartUp_namingTheVariable() {
    assertThatThrownBy(() -> bind(Map.of("VAULTDROP_LIBRARY_ALLOWEDTYPES_MEMBER", "docx")))
        .isInstanceOf(BindException.class)
        .rootCause()
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("VAULTDROP_LIBRARY_ALLOWEDTYPES_MEMBER");
    assertThatThrownBy(() -> bind(Map.of("VAULTDROP_LIBRARY_ALLOWEDTYPES_OPERATOR", "docm")))
        .isInstanceOf(BindException.class);
    assertThatThrownBy(() -> bind(Map.of("VAULTDROP_LIBRARY_LINK_LIFETIME", "P2D")))
        .rootCause()
        .hasMessageContaining("VAULTDROP_LIBRARY_LINK_LIFETIME");
    assertThatThrownBy(() -> bind(Map.of("VAULTDROP_LIBRARY_MAX_COMPRESSION_RATIO", "2")))
        .rootCause()
        .hasMessageContaining("VAULTDROP_LIBRARY_MAX_COMPRESSION_RATIO");
  }

  private static LibraryProperties bind(Map<String, Object> environment) {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    env.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
    env.getPropertySources()
        .addFirst(
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
    env.getPropertySources().addLast(new MapPropertySource("none", Map.of()));
    ConfigurationPropertySources.attach(env);
    return Binder.get(env).bindOrCreate("vaultdrop.library", LibraryProperties.class);
  }
}
