package io.vaultdrop.storage.database;

import io.vaultdrop.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresDatabaseBlobStoreTest extends DatabaseBlobStoreContract {

  @RegisterExtension static final TestDatabase DATABASE = TestDatabase.postgres();

  @Override
  TestDatabase database() {
    return DATABASE;
  }
}
