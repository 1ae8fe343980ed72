package io.vaultdrop.storage.database;

import io.vaultdrop.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbDatabaseBlobStoreTest extends DatabaseBlobStoreContract {

  @RegisterExtension static final TestDatabase DATABASE = TestDatabase.mariadb();

  @Override
  TestDatabase database() {
    return DATABASE;
  }
}
