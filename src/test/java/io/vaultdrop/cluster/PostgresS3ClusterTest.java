package io.vaultdrop.cluster;

import io.vaultdrop.testsupport.ClusterNodes;
import io.vaultdrop.testsupport.S3TestServer;
import io.vaultdrop.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two nodes on one PostgreSQL and one S3 endpoint (s3proxy). */
class PostgresS3ClusterTest extends TwoNodeClusterContract {

  @RegisterExtension static final TestDatabase db = TestDatabase.postgres();
  @RegisterExtension static final S3TestServer s3 = new S3TestServer();

  @Override
  TestDatabase database() {
    return db;
  }

  @Override
  ClusterNodes.Storage storage() {
    return ClusterNodes.Storage.s3(s3);
  }
}
