package io.vaultdrop.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link FullDiskContract} with blobs inside H2: H2's own write meets {@code ENOSPC} and H2 closes
 * the database, which the node used to answer with 500 until a restart.
 */
class FullDiskDatabaseStorageTest extends FullDiskContract {

  @Autowired JdbcClient jdbc;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    onASmallDisk(registry, "database");
  }

  @Override
  void assertNothingOfTheRefusedUploadRemains() {
    assertThat(count("SELECT COUNT(*) FROM stored_objects WHERE state <> 'LIVE'")).isZero();
    assertThat(count("SELECT COUNT(*) FROM stored_objects")).isEqualTo(2);
    assertThat(count("SELECT COUNT(*) FROM blobs WHERE complete = FALSE")).isZero();
    assertThat(count("SELECT COUNT(*) FROM blobs")).isEqualTo(2);
    assertThat(
            count(
                "SELECT COUNT(*) FROM blob_chunks c WHERE NOT EXISTS"
                    + " (SELECT 1 FROM blobs b WHERE b.id = c.blob_id AND b.complete = TRUE)"))
        .isZero();
  }

  private long count(String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }
}
