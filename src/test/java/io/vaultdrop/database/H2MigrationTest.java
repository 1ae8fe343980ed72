package io.vaultdrop.database;

import io.vaultdrop.testsupport.TestDatabase;

class H2MigrationTest extends MigrationContract {

  @Override
  TestDatabase newDatabase() {
    return TestDatabase.h2();
  }

  @Override
  DatabaseVendor expectedVendor() {
    return DatabaseVendor.H2;
  }
}
