package io.vaultdrop.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link FullDiskContract} with blobs in files: the blob write meets {@code ENOSPC}. */
class FullDiskFilesystemStorageTest extends FullDiskContract {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    onASmallDisk(registry, "filesystem");
  }

  @Override
  void assertNothingOfTheRefusedUploadRemains() throws Exception {
    try (Stream<Path> files = Files.walk(disk.root().resolve("blobs"))) {
      assertThat(files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()))
          .as("the two stored blobs, no partial (.tmp) one")
          .hasSize(2)
          .noneMatch(name -> name.endsWith(".tmp"));
    }
  }
}
