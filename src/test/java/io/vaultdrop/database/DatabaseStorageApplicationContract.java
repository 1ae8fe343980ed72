package io.vaultdrop.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.storage.database.DatabaseBlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The whole application on one database with {@code VAULTDROP_STORAGE_TYPE=database}: Spring Boot's
 * Flyway runs the migrations with the vendor placeholders, and the blob store bean works on them.
 * Subclasses register a {@link io.vaultdrop.testsupport.TestDatabase}.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = "vaultdrop.storage.type=database")
abstract class DatabaseStorageApplicationContract {

  @Autowired Flyway flyway;
  @Autowired BlobStore blobStore;

  static void dataDir(DynamicPropertyRegistry registry) throws IOException {
    String dir = Files.createTempDirectory("vaultdrop-test").toString();
    registry.add("vaultdrop.data-dir", () -> dir);
  }

  @Test
  void startup_migratesAndServesBlobsFromTheDatabase() throws IOException {
    assertThat(flyway.info().applied()).isNotEmpty();
    assertThat(flyway.info().pending()).isEmpty();
    assertThat(blobStore).isInstanceOf(DatabaseBlobStore.class);

    byte[] content = "ciphertext stand-in".getBytes();
    BlobId id = blobStore.put(BlobId.random(), new ByteArrayInputStream(content)).id();
    try (InputStream in = blobStore.open(id)) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
    blobStore.delete(id);
    assertThat(blobStore.exists(id)).isFalse();
  }
}
