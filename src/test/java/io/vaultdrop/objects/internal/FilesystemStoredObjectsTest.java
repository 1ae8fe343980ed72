package io.vaultdrop.objects.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.storage.filesystem.FilesystemBlobStore;
import io.vaultdrop.testsupport.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The object lifecycle on the filesystem backend, ledger on H2. */
class FilesystemStoredObjectsTest extends StoredObjectsContract {

  @RegisterExtension static final TestDatabase DATABASE = TestDatabase.h2();

  @TempDir Path dataDir;
  private Path root;

  @Override
  TestDatabase database() {
    return DATABASE;
  }

  @Override
  BlobStore freshStore() throws IOException {
    root = Files.createTempDirectory(dataDir, "blobs");
    return new FilesystemBlobStore(root);
  }

  @Override
  void assertNoStorageLeftovers() throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      assertThat(files.filter(Files::isRegularFile).toList()).as("files under the root").isEmpty();
    }
  }
}
