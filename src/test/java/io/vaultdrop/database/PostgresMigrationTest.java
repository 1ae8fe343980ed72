package io.vaultdrop.database;

import io.vaultdrop.testsupport.TestDatabase;

class PostgresMigrationTest extends MigrationContract {

  @Override
  TestDatabase newDatabase() {
    return TestDatabase.postgres();
  }

  @Override
  DatabaseVendor expectedVendor() {
    return DatabaseVendor.POSTGRESQL;
  }
}
