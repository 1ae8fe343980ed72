package io.vaultdrop.objects.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.storage.s3.S3BlobStore;
import io.vaultdrop.testsupport.S3TestServer;
import io.vaultdrop.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

/** The object lifecycle on a real S3 endpoint (s3proxy), ledger on MariaDB. */
class S3StoredObjectsTest extends StoredObjectsContract {

  @RegisterExtension static final TestDatabase DATABASE = TestDatabase.mariadb();
  @RegisterExtension static final S3TestServer S3 = new S3TestServer();

  private String bucket;
  private S3BlobStore store;

  @Override
  TestDatabase database() {
    return DATABASE;
  }

  @Override
  BlobStore freshStore() {
    if (store != null) {
      store.close();
    }
    bucket = S3.newBucket();
    store = new S3BlobStore(S3.newClient(), bucket, "objects/", S3BlobStore.MIN_PART_SIZE);
    return store;
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Override
  void assertNoStorageLeftovers() {
    try (S3Client client = S3.newClient()) {
      assertThat(client.listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
      assertThat(client.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
    }
  }
}
