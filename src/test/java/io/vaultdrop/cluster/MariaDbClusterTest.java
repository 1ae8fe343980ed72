package io.vaultdrop.cluster;

import io.vaultdrop.testsupport.ClusterNodes;
import io.vaultdrop.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two nodes on one MariaDB, blobs in the database too. */
class MariaDbClusterTest extends TwoNodeClusterContract {

  @RegisterExtension static final TestDatabase db = TestDatabase.mariadb();

  @Override
  TestDatabase database() {
    return db;
  }

  @Override
  ClusterNodes.Storage storage() {
    return ClusterNodes.Storage.database();
  }
}
