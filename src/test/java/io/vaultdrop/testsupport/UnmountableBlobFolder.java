package io.vaultdrop.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A data folder of its own for one {@code @SpringBootTest} whose blob folder can be taken away and
 * brought back, as when the volume holding it is unmounted: a real filesystem storage outage.
 *
 * <pre>{@code
 * static final UnmountableBlobFolder DATA = new UnmountableBlobFolder();
 * @DynamicPropertySource static void data(DynamicPropertyRegistry r) { DATA.register(r); }
 * }</pre>
 */
public final class UnmountableBlobFolder {

  private final Path dataDir;

  public UnmountableBlobFolder() {
    try {
      dataDir = Files.createTempDirectory("vaultdrop-outage");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Points the application's data folder here. */
  public void register(DynamicPropertyRegistry registry) {
    registry.add("vaultdrop.data-dir", dataDir::toString);
  }

  /** The blob folder disappears. */
  public void unmount() throws IOException {
    Files.move(blobs(), aside(), StandardCopyOption.ATOMIC_MOVE);
  }

  /** The blob folder is back, with everything it held. */
  public void mount() throws IOException {
    Files.move(aside(), blobs(), StandardCopyOption.ATOMIC_MOVE);
  }

  private Path blobs() {
    return dataDir.resolve("blobs");
  }

  private Path aside() {
    return dataDir.resolve("blobs-unmounted");
  }
}
