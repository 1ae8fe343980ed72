package io.vaultdrop.shares;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The outage is the blob folder disappearing, as when the volume holding it is unmounted: it is
 * moved aside and back.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "vaultdrop.scheduling.enabled=false")
class ShareStorageOutageFilesystemTest extends ShareStorageOutageContract {

  private static Path dataDir;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) throws IOException {
    dataDir = Files.createTempDirectory("vaultdrop-outage-fs");
    registry.add("vaultdrop.data-dir", dataDir::toString);
  }

  private static Path blobs() {
    return dataDir.resolve("blobs");
  }

  private static Path aside() {
    return dataDir.resolve("blobs-unmounted");
  }

  @Override
  void storageDown() throws Exception {
    Files.move(blobs(), aside(), StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  void storageUp() throws Exception {
    Files.move(aside(), blobs(), StandardCopyOption.ATOMIC_MOVE);
  }
}
