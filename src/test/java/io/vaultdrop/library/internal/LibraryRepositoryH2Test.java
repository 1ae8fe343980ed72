package io.vaultdrop.library.internal;

import io.vaultdrop.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class LibraryRepositoryH2Test extends LibraryRepositoryContract {

  @RegisterExtension static final TestDatabase db = TestDatabase.h2();

  @Override
  TestDatabase database() {
    return db;
  }
}
