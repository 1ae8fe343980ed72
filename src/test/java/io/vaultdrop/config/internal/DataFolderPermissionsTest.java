package io.vaultdrop.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.VaultdropApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded default leaves nothing readable by other users of the machine, whatever the umask
 * (H2 creates its files 0644): the data folder and its sub-folders are 0700, the database and the
 * master key 0600. An existing data folder that others may enter is reported, not changed.
 */
@ExtendWith(OutputCaptureExtension.class)
class DataFolderPermissionsTest {

  @TempDir Path parent;

  @Test
  void newDataFolder_isOwnerOnly_withTheDatabaseAndKeyFilesInside() throws Exception {
    Path data = parent.resolve("data");

    try (ConfigurableApplicationContext app = start(data)) {
      assertThat(mode(data)).isEqualTo("rwx------");
      for (String folder : List.of("db", "keys", "blobs")) {
        assertThat(mode(data.resolve(folder))).as(folder).isEqualTo("rwx------");
      }
      List<Path> databaseFiles = files(data.resolve("db"));
      assertThat(databaseFiles).isNotEmpty();
      for (Path file : databaseFiles) {
        assertThat(mode(file)).as(file.toString()).isEqualTo("rw-------");
      }
      for (Path file : files(data.resolve("keys"))) {
        assertThat(mode(file)).as(file.toString()).isEqualTo("rw-------");
      }
    }
  }

  @Test
  void existingOpenDataFolder_isReported_andTheDatabaseStillTightened(CapturedOutput output)
      throws Exception {
    Path data = Files.createDirectory(parent.resolve("open"));
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createDirectory(data.resolve("db"));
    Files.setPosixFilePermissions(data.resolve("db"), PosixFilePermissions.fromString("rwxr-xr-x"));

    try (ConfigurableApplicationContext app = start(data)) {
      assertThat(output).contains("The data folder " + data.toAbsolutePath() + " is open");
      assertThat(mode(data)).isEqualTo("rwxr-xr-x");
      assertThat(mode(data.resolve("db"))).isEqualTo("rwx------");
      for (Path file : files(data.resolve("db"))) {
        assertThat(mode(file)).as(file.toString()).isEqualTo("rw-------");
      }
    }
  }

  private static ConfigurableApplicationContext start(Path data) {
    return new SpringApplicationBuilder(VaultdropApplication.class)
        .run(
            "--server.port=0",
            "--vaultdrop.data-dir=" + data,
            "--vaultdrop.scheduling.enabled=false");
  }

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static List<Path> files(Path folder) throws Exception {
    try (Stream<Path> list = Files.list(folder)) {
      return list.filter(Files::isRegularFile).toList();
    }
  }
}
