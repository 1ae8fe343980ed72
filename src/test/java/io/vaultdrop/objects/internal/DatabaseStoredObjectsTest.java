package io.vaultdrop.objects.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.storage.database.DatabaseBlobStore;
import io.vaultdrop.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/** The object lifecycle with blobs and ledger in one PostgreSQL database. */
class DatabaseStoredObjectsTest extends StoredObjectsContract {

  @RegisterExtension static final TestDatabase DATABASE = TestDatabase.postgres();

  @Override
  TestDatabase database() {
    return DATABASE;
  }

  @Override
  BlobStore freshStore() {
    JdbcTemplate jdbc = new JdbcTemplate(DATABASE.dataSource());
    jdbc.update("DELETE FROM blob_chunks");
    jdbc.update("DELETE FROM blobs");
    return new DatabaseBlobStore(DATABASE.dataSource());
  }

  @Override
  void assertNoStorageLeftovers() {
    JdbcTemplate jdbc = new JdbcTemplate(DATABASE.dataSource());
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM blobs", Integer.class)).isZero();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM blob_chunks", Integer.class)).isZero();
  }
}
