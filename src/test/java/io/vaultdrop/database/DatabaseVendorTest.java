package io.vaultdrop.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseVendorTest {

  @Test
  void ofProductName_knownProducts_mapToVendors() {
    assertThat(DatabaseVendor.ofProductName("H2")).isEqualTo(DatabaseVendor.H2);
    assertThat(DatabaseVendor.ofProductName("PostgreSQL")).isEqualTo(DatabaseVendor.POSTGRESQL);
    assertThat(DatabaseVendor.ofProductName("MariaDB")).isEqualTo(DatabaseVendor.MARIADB);
    assertThat(DatabaseVendor.ofProductName("MySQL")).isEqualTo(DatabaseVendor.MARIADB);
  }

  @Test
  void ofProductName_unsupported_failsNamingTheSetting() {
    assertThatThrownBy(() -> DatabaseVendor.ofProductName("Oracle"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Oracle")
        .hasMessageContaining("SPRING_DATASOURCE_URL");
  }

  @Test
  void placeholders_coverEveryVendor() {
    assertThat(DatabaseVendor.POSTGRESQL.placeholders())
        .containsEntry("binary_type", "BYTEA")
        .containsEntry("table_options", "");
    assertThat(DatabaseVendor.MARIADB.placeholders())
        .containsEntry("binary_type", "LONGBLOB")
        .containsEntry(
            "table_options", "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin");
    assertThat(DatabaseVendor.H2.placeholders()).containsEntry("binary_type", "BLOB");
  }
}
