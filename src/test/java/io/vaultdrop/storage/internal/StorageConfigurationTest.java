package io.vaultdrop.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.config.VaultdropProperties;
import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.storage.database.DatabaseBlobStore;
import io.vaultdrop.storage.filesystem.FilesystemBlobStore;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

class StorageConfigurationTest {

  @TempDir Path dataDir;

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withUserConfiguration(Properties.class, StorageConfiguration.class)
        .withPropertyValues("vaultdrop.data-dir=" + dataDir);
  }

  @Test
  void noType_selectsFilesystemUnderDataDir() {
    runner()
        .run(
            context -> {
              assertThat(context).hasSingleBean(BlobStore.class);
              assertThat(context.getBean(BlobStore.class)).isInstanceOf(FilesystemBlobStore.class);
              assertThat(dataDir.resolve("blobs")).isDirectory();
            });
  }

  @Test
  void databaseType_anyCase_selectsDatabaseBackend() {
    runner()
        .withUserConfiguration(H2.class)
        .withPropertyValues("vaultdrop.storage.type=DATABASE")
        .run(
            context ->
                assertThat(context.getBean(BlobStore.class)).isInstanceOf(DatabaseBlobStore.class));
  }

  @Test
  void unknownType_stopsStartupNamingTheVariable() {
    runner()
        .withPropertyValues("vaultdrop.storage.type=ftp")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .hasMessageContaining("VAULTDROP_STORAGE_TYPE")
                  .hasMessageContaining("filesystem, database");
            });
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({StorageProperties.class, VaultdropProperties.class})
  static class Properties {}

  @Configuration(proxyBeanMethods = false)
  static class H2 {
    @Bean
    DataSource dataSource() {
      return new SimpleDriverDataSource(
          new org.h2.Driver(), "jdbc:h2:mem:storage-config", "sa", "");
    }
  }
}
