package io.vaultdrop.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.config.VaultdropProperties;
import io.vaultdrop.config.internal.ConfigurationFailureAnalyzer;
import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.storage.database.DatabaseBlobStore;
import io.vaultdrop.storage.filesystem.FilesystemBlobStore;
import io.vaultdrop.storage.s3.S3BlobStore;
import io.vaultdrop.testsupport.S3TestServer;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

class StorageConfigurationTest {

  @RegisterExtension static final S3TestServer S3 = new S3TestServer();

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

  @Test
  void s3Type_listableBucket_selectsS3Backend() {
    runner()
        .withPropertyValues(s3Settings(S3.newBucket(), S3TestServer.SECRET_KEY))
        .run(
            context -> {
              assertThat(context.getBean(BlobStore.class)).isInstanceOf(S3BlobStore.class);
              assertThat(context.getBean(StorageProperties.class).toString())
                  .doesNotContain(S3TestServer.SECRET_KEY)
                  .doesNotContain(S3TestServer.ACCESS_KEY);
            });
  }

  @Test
  void s3Type_missingBucket_stopsStartupWithTheS3ErrorCode() {
    String bucket = "vd-never-created";
    assertBucketCheckFails(
        s3Settings(bucket, S3TestServer.SECRET_KEY), "HTTP 404 NoSuchBucket", bucket);
  }

  @Test
  void s3Type_wrongSecretKey_stopsStartupNeverPrintingTheKey() {
    String wrong = "wrong-secret-never-printed";
    String bucket = S3.newBucket();
    assertBucketCheckFails(s3Settings(bucket, wrong), "HTTP 403", wrong, bucket);
  }

  @Test
  void s3Type_endpointNotAnswering_stopsStartup() {
    String[] settings = s3Settings(S3.newBucket(), S3TestServer.SECRET_KEY);
    settings[2] = "vaultdrop.storage.s3.endpoint=http://127.0.0.1:1";
    assertBucketCheckFails(settings, "(no response)", "127.0.0.1:1");
  }

  private String[] s3Settings(String bucket, String secretKey) {
    return new String[] {
      "vaultdrop.storage.type=s3",
      "vaultdrop.storage.s3.bucket=" + bucket,
      "vaultdrop.storage.s3.endpoint=" + S3.endpoint(),
      "vaultdrop.storage.s3.access-key=" + S3TestServer.ACCESS_KEY,
      "vaultdrop.storage.s3.secret-key=" + secretKey
    };
  }

  /** One line naming the variable and the S3 answer, and none of {@code secrets}. */
  private void assertBucketCheckFails(String[] settings, String s3Answer, String... secrets) {
    runner()
        .withPropertyValues(settings)
        .run(
            context -> {
              assertThat(context).hasFailed();
              String line =
                  new ConfigurationFailureAnalyzer()
                      .analyze(context.getStartupFailure())
                      .getDescription();
              assertThat(line)
                  .startsWith(
                      "Invalid configuration: VAULTDROP_STORAGE_S3_BUCKET could not be listed")
                  .contains(s3Answer)
                  .doesNotContain("\n");
              for (String secret : secrets) {
                assertThat(line).doesNotContain(secret);
              }
            });
  }

  @Test
  void s3Type_withoutBucket_stopsStartupWithOneLineNamingTheVariable() {
    runner()
        .withPropertyValues("vaultdrop.storage.type=s3")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .hasMessage(
                      "VAULTDROP_STORAGE_S3_BUCKET (vaultdrop.storage.s3.bucket) must be set when"
                          + " VAULTDROP_STORAGE_TYPE is s3");
              assertThat(
                      new ConfigurationFailureAnalyzer()
                          .analyze(context.getStartupFailure())
                          .getDescription())
                  .startsWith("Invalid configuration: VAULTDROP_STORAGE_S3_BUCKET")
                  .doesNotContain("\n");
            });
  }

  @Test
  void s3Type_badSettings_nameTheVariableNeverTheValue() {
    String secret = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY";
    assertS3Failure("VAULTDROP_STORAGE_S3_ACCESS_KEY", "vaultdrop.storage.s3.secret-key=" + secret);
    assertS3Failure(
        "VAULTDROP_STORAGE_S3_ENDPOINT",
        "vaultdrop.storage.s3.endpoint=https://user:" + secret + "@minio.example.org");
    assertS3Failure("VAULTDROP_STORAGE_S3_ENDPOINT", "vaultdrop.storage.s3.endpoint=minio:9000");
    assertS3Failure("VAULTDROP_STORAGE_S3_PART_SIZE", "vaultdrop.storage.s3.part-size=1MB");
    assertS3Failure("VAULTDROP_STORAGE_S3_PART_SIZE", "vaultdrop.storage.s3.part-size=2GB");
    assertS3Failure("VAULTDROP_STORAGE_S3_PREFIX", "vaultdrop.storage.s3.prefix=../x/");
    assertS3Failure("VAULTDROP_STORAGE_S3_PREFIX", "vaultdrop.storage.s3.prefix=objects");
    assertS3Failure("VAULTDROP_STORAGE_S3_REGION", "vaultdrop.storage.s3.region=EU West");
    assertS3Failure("VAULTDROP_STORAGE_S3_BUCKET", "vaultdrop.storage.s3.bucket=a/b");
  }

  @Test
  void s3Settings_areIgnoredForOtherTypes() {
    runner()
        .withPropertyValues("vaultdrop.storage.s3.part-size=1MB")
        .run(
            context ->
                assertThat(context.getBean(BlobStore.class))
                    .isInstanceOf(FilesystemBlobStore.class));
  }

  private void assertS3Failure(String variable, String setting) {
    String value = setting.substring(setting.indexOf('=') + 1);
    runner()
        .withPropertyValues(
            "vaultdrop.storage.type=s3", "vaultdrop.storage.s3.bucket=vaultdrop-blobs", setting)
        .run(
            context -> {
              assertThat(context).as(setting).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .hasMessageStartingWith(variable)
                  .hasMessageNotContaining(value);
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
