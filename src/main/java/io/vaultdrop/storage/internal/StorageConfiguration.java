package io.vaultdrop.storage.internal;

import io.vaultdrop.config.InvalidSettingException;
import io.vaultdrop.config.VaultdropProperties;
import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.storage.database.DatabaseBlobStore;
import io.vaultdrop.storage.filesystem.FilesystemBlobStore;
import io.vaultdrop.storage.s3.S3BlobStore;
import java.io.IOException;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Provides the one {@link BlobStore} chosen by {@code VAULTDROP_STORAGE_TYPE}. */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

  @Bean
  BlobStore blobStore(
      StorageProperties storage,
      VaultdropProperties vaultdrop,
      ObjectProvider<DataSource> dataSource)
      throws IOException {
    return switch (storage.storageType()) {
      case FILESYSTEM -> new FilesystemBlobStore(vaultdrop.dataDir().resolve("blobs"));
      case DATABASE -> new DatabaseBlobStore(dataSource.getObject());
      case S3 -> s3(storage.s3());
    };
  }

  /**
   * The client exists only on this path; Spring closes it with the store (its close method). The
   * bucket is checked before the server accepts uploads: a wrong bucket, endpoint or key stops
   * start-up with one line. The line carries the S3 status and error code, never the bucket,
   * endpoint or keys (it is printed and logged).
   */
  private static BlobStore s3(S3StorageProperties s3) {
    S3BlobStore store =
        new S3BlobStore(S3ClientFactory.create(s3), s3.bucket(), s3.prefix(), s3.partSizeBytes());
    try {
      store.checkBucket();
    } catch (IOException e) {
      store.close();
      throw new InvalidSettingException(
          "VAULTDROP_STORAGE_S3_BUCKET",
          "could not be listed ("
              + e.getMessage()
              + "); check it, VAULTDROP_STORAGE_S3_ENDPOINT, VAULTDROP_STORAGE_S3_REGION and the"
              + " credentials");
    }
    return store;
  }
}
