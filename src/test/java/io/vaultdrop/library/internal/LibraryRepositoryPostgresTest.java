package io.vaultdrop.library.internal;

import io.vaultdrop.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class LibraryRepositoryPostgresTest extends LibraryRepositoryContract {

  @RegisterExtension static final TestDatabase db = TestDatabase.postgres();

  @Override
  TestDatabase database() {
    return db;
  }
}
