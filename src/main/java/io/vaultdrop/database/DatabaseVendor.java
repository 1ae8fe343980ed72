package io.vaultdrop.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The databases Vaultdrop runs on, and the migration placeholder values for each (documented in
 * {@code db/migration/V1__blob_storage.sql}).
 */
public enum DatabaseVendor {
  H2("BLOB", ""),
  POSTGRESQL("BYTEA", ""),
  MARIADB("LONGBLOB", "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin");

  private final String binaryType;
  private final String tableOptions;

  DatabaseVendor(String binaryType, String tableOptions) {
    this.binaryType = binaryType;
    this.tableOptions = tableOptions;
  }

  /** Placeholder name to value, for Flyway. */
  public Map<String, String> placeholders() {
    return Map.of("binary_type", binaryType, "table_options", tableOptions);
  }

  /**
   * Asks the database behind {@code dataSource} what it is.
   *
   * @throws IllegalStateException for a database Vaultdrop does not support
   */
  public static DatabaseVendor of(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      return ofProductName(connection.getMetaData().getDatabaseProductName());
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot connect to the database to detect its vendor (SPRING_DATASOURCE_URL)", e);
    }
  }

  /** The vendor a JDBC URL names, or empty for a URL of another database. */
  public static Optional<DatabaseVendor> ofUrl(String jdbcUrl) {
    String url = jdbcUrl.toLowerCase(Locale.ROOT);
    if (url.startsWith("jdbc:h2:")) {
      return Optional.of(H2);
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return Optional.of(POSTGRESQL);
    }
    if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
      return Optional.of(MARIADB);
    }
    return Optional.empty();
  }

  static DatabaseVendor ofProductName(String productName) {
    return switch (productName) {
      case "H2" -> H2;
      case "PostgreSQL" -> POSTGRESQL;
      case "MariaDB", "MySQL" -> MARIADB;
      default ->
          throw new IllegalStateException(
              "Unsupported database '"
                  + productName
                  + "': Vaultdrop runs on H2, PostgreSQL or MariaDB/MySQL (SPRING_DATASOURCE_URL)");
    };
  }
}
