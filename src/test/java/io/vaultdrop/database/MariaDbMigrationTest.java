package io.vaultdrop.database;

import io.vaultdrop.testsupport.TestDatabase;

class MariaDbMigrationTest extends MigrationContract {

  @Override
  TestDatabase newDatabase() {
    return TestDatabase.mariadb();
  }

  @Override
  DatabaseVendor expectedVendor() {
    return DatabaseVendor.MARIADB;
  }
}
