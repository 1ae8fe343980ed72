package io.vaultdrop.database;

import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.stereotype.Component;

/**
 * Fills the vendor placeholders of the migrations ({@code ${binary_type}}, {@code
 * ${table_options}}; see {@link DatabaseVendor}) from the database Flyway migrates, keeping any
 * placeholder configured elsewhere. Spring Boot applies it to its Flyway; tests call {@link
 * #customize} on their own configuration.
 */
@Component
public final class VendorPlaceholders implements FlywayConfigurationCustomizer {

  @Override
  public void customize(FluentConfiguration configuration) {
    DatabaseVendor vendor = DatabaseVendor.of(configuration.getDataSource());
    Map<String, String> placeholders = new HashMap<>(configuration.getPlaceholders());
    placeholders.putAll(vendor.placeholders());
    configuration.placeholders(placeholders);
  }
}
