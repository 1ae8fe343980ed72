package io.vaultdrop.config.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owner-only access to the data folder: it holds the embedded database (with the accounts' Argon2id
 * hashes), the generated master key and the filesystem blobs.
 *
 * <ul>
 *   <li>{@link #prepare}, before anything is written: creates the data folder {@code 0700} and the
 *       embedded database's folder {@code db/} {@code 0700}; an existing data folder that other
 *       users may enter is logged as a warning (the operator chose it; it is not changed).
 *   <li>{@link #tightenDatabaseFiles}, once the embedded database is open: its files (created by H2
 *       with the process umask) become {@code 0600}; files H2 creates later sit inside the {@code
 *       0700} folder. A file Vaultdrop cannot change is logged as a warning.
 * </ul>
 *
 * <p>Blobs and the key file get their modes where they are written ({@code FilesystemLayout},
 * {@code MasterKeyFile}); their trees are not walked here, since a blob folder may hold millions of
 * files. On file systems without POSIX permissions nothing is checked.
 */
final class DataFolderPermissions {

  private static final Logger log = LoggerFactory.getLogger(DataFolderPermissions.class);

  static final Set<PosixFilePermission> OWNER_FOLDER = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  private DataFolderPermissions() {}

  /** Creates the data folder and {@code db/} owner-only, or warns when the data folder is open. */
  static void prepare(Path dataDir, boolean embeddedDatabase) throws IOException {
    if (!posix(dataDir.toAbsolutePath().getParent())) {
      return;
    }
    createOwnerOnly(dataDir);
    Set<PosixFilePermission> current = Files.getPosixFilePermissions(dataDir);
    if (current.stream().anyMatch(OTHERS::contains)) {
      log.warn(
          "The data folder {} is open to other users ({}); it holds the database, the master key"
              + " and the encrypted files: make it owner-only (chmod 700).",
          dataDir.toAbsolutePath(),
          PosixFilePermissions.toString(current));
    }
    if (embeddedDatabase) {
      Path db = dataDir.resolve("db");
      createOwnerOnly(db);
      restrict(db, OWNER_FOLDER);
    }
  }

  /** Makes every file of the embedded database owner-only. */
  static void tightenDatabaseFiles(Path dataDir) throws IOException {
    Path db = dataDir.resolve("db");
    if (!Files.isDirectory(db) || !posix(db)) {
      return;
    }
    try (Stream<Path> files = Files.list(db)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(file)) {
          restrict(file, OWNER_FILE);
        }
      }
    }
  }

  private static void createOwnerOnly(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_FOLDER));
    }
  }

  private static void restrict(Path path, Set<PosixFilePermission> wanted) {
    try {
      if (!Files.getPosixFilePermissions(path).equals(wanted)) {
        Files.setPosixFilePermissions(path, wanted);
      }
    } catch (IOException | SecurityException e) {
      log.warn(
          "Could not make {} owner-only ({}); other users of this machine may read it.",
          path.toAbsolutePath(),
          e.toString());
    }
  }

  private static boolean posix(Path anyPath) {
    Path probe = anyPath == null ? Path.of(".") : anyPath;
    return probe.getFileSystem().supportedFileAttributeViews().contains("posix")
        && Files.getFileAttributeView(probe, PosixFileAttributeView.class) != null;
  }
}
