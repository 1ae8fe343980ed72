package io.vaultdrop.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.VaultdropApplication;
import io.vaultdrop.storage.BlobWriter;
import io.vaultdrop.storage.filesystem.FilesystemBlobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A node that died mid-upload leaves a temp file; the next start removes it once it has been
 * inactive for the configured age, and leaves a recent one (maybe another node's live upload)
 * alone. Scheduling is off, so only the start-up run can have removed it.
 */
class StorageSweepAtStartupTest {

  @TempDir Path dataDir;

  @Test
  void abandonedWrite_isRemovedAtStartUp_recentOneStays() throws Exception {
    Path blobs = dataDir.resolve("blobs");
    FilesystemBlobStore store = new FilesystemBlobStore(blobs);
    BlobWriter crashed = store.create();
    crashed.stream().write(new byte[1000]);
    BlobWriter live = store.create();
    live.stream().write(new byte[1000]);
    // Neither writer commits: each leaves its temp file. Age the crashed one.
    List<Path> temps = temps(blobs);
    assertThat(temps).hasSize(2);
    Path crashedTemp =
        temps.stream()
            .filter(p -> p.getFileName().toString().contains(crashed.id().toString()))
            .findFirst()
            .orElseThrow();
    Files.setLastModifiedTime(crashedTemp, FileTime.from(Instant.now().minus(Duration.ofHours(3))));

    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(VaultdropApplication.class)
            .run(
                "--server.port=0",
                "--vaultdrop.data-dir=" + dataDir,
                "--vaultdrop.scheduling.enabled=false",
                "--vaultdrop.storage.abandoned-write-age=PT2H")) {
      assertThat(temps(blobs)).hasSize(1).noneMatch(crashedTemp::equals);
    } finally {
      crashed.abort();
      live.abort();
    }
  }

  private static List<Path> temps(Path blobs) throws Exception {
    try (Stream<Path> files = Files.walk(blobs)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
    }
  }
}
