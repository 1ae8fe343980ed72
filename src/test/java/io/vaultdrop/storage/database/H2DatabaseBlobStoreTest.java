package io.vaultdrop.storage.database;

import io.vaultdrop.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2DatabaseBlobStoreTest extends DatabaseBlobStoreContract {

  @RegisterExtension static final TestDatabase DATABASE = TestDatabase.h2();

  @Override
  TestDatabase database() {
    return DATABASE;
  }
}
