package webtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Looks at the machine while an upload is half-way through: files this JVM holds open and the
 * listings of {@code java.io.tmpdir} and Tomcat's base directory.
 */
public final class UploadProbe {

  public static final long MIDPOINT = 32L * 1024 * 1024;

  private volatile List<Path> openFiles = List.of();
  private volatile List<Path> tmpListing = List.of();
  private volatile boolean observed;

  void observe() {
    openFiles = openFiles();
    tmpListing = listing(tmpDir(), 1);
    observed = true;
  }

  public void reset() {
    observed = false;
    openFiles = List.of();
    tmpListing = List.of();
  }

  public boolean observed() {
    return observed;
  }

  public List<Path> openFiles() {
    Path fds = Path.of("/proc/self/fd");
    List<Path> open = new ArrayList<>();
    try (Stream<Path> entries = Files.list(fds)) {
      for (Path fd : entries.toList()) {
        try {
          open.add(Files.readSymbolicLink(fd));
        } catch (IOException | UnsupportedOperationException closedMeanwhile) {
          // the descriptor was closed between listing and reading it
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc/self/fd", e);
    }
    return open;
  }

  public List<Path> openFilesAtMidpoint() {
    return openFiles;
  }

  public List<Path> tmpListingAtMidpoint() {
    return tmpListing;
  }

  public static Path tmpDir() {
    return Path.of(System.getProperty("java.io.tmpdir"));
  }

  /** Regular files under {@code dir}, up to {@code depth} levels down. */
  public static List<Path> listing(Path dir, int depth) {
    for (int attempt = 1; ; attempt++) {
      try (Stream<Path> files = Files.walk(dir, depth)) {
        return files.filter(Files::isRegularFile).toList();
      } catch (IOException | java.io.UncheckedIOException e) {
        // other processes' entries may vanish while walking: list again
        if (attempt == 5) {
          throw new IllegalStateException("cannot list " + dir, e);
        }
      }
    }
  }
}
