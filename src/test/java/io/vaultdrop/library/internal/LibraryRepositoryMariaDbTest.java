package io.vaultdrop.library.internal;

import io.vaultdrop.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class LibraryRepositoryMariaDbTest extends LibraryRepositoryContract {

  @RegisterExtension static final TestDatabase db = TestDatabase.mariadb();

  @Override
  TestDatabase database() {
    return db;
  }
}
