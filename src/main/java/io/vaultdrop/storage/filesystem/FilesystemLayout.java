package io.vaultdrop.storage.filesystem;

import io.vaultdrop.storage.BlobId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where blobs live under the root folder, and the owner-only permissions they get.
 *
 * <p>A blob {@code 0a1b2c...} is the file {@code <root>/0a/1b/0a1b2c...}: two levels of 256 folders
 * keep every folder small. A write in progress is {@code <root>/0a/1b/.0a1b2c...<random>.tmp} in
 * the same folder, so publishing it is a rename within one folder.
 */
final class FilesystemLayout {

  static final String TEMP_PREFIX = ".";
  static final String TEMP_SUFFIX = ".tmp";
  static final Pattern SHARD = Pattern.compile("[0-9a-f]{2}");
  static final Pattern BLOB = Pattern.compile("[0-9a-f]{32}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path root;
  private final boolean posix;

  FilesystemLayout(Path root) {
    this.root = root;
    FileSystem fs = root.getFileSystem();
    this.posix = fs.supportedFileAttributeViews().contains("posix");
  }

  Path root() {
    return root;
  }

  Path blobPath(BlobId id) {
    String name = id.value();
    return root.resolve(name.substring(0, 2)).resolve(name.substring(2, 4)).resolve(name);
  }

  Path newTempPath(BlobId id) {
    byte[] suffix = new byte[8];
    RANDOM.nextBytes(suffix);
    return blobPath(id)
        .resolveSibling(
            TEMP_PREFIX + id.value() + "." + HexFormat.of().formatHex(suffix) + TEMP_SUFFIX);
  }

  static boolean isTemp(Path file) {
    String name = file.getFileName().toString();
    return name.startsWith(TEMP_PREFIX) && name.endsWith(TEMP_SUFFIX);
  }

  /**
   * Fails unless the root folder exists. Every operation checks it first: a missing root means an
   * unmounted volume, and then a delete must not "succeed" on nothing, a read must not look like a
   * missing blob, and a write must not recreate the folder on the disk underneath.
   */
  void requireRoot() throws IOException {
    if (!Files.isDirectory(root)) {
      throw new IOException("the blob folder is missing (is its volume mounted?)");
    }
  }

  /** Creates {@code dir} and any missing parent up to the root, each readable by the owner only. */
  void createFolders(Path dir) throws IOException {
    if (posix) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(folderPermissions()));
    } else {
      Files.createDirectories(dir);
    }
  }

  FileAttribute<?>[] fileAttributes() {
    return posix
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
        }
        : new FileAttribute<?>[0];
  }

  private static Set<PosixFilePermission> folderPermissions() {
    return PosixFilePermissions.fromString("rwx------");
  }

  /** The shard folders ({@code root/xx/yy}) in ascending name order. */
  List<Path> shardFolders() throws IOException {
    return children(root, SHARD).stream()
        .flatMap(first -> uncheckedChildren(first, SHARD).stream())
        .toList();
  }

  /** Entries of {@code dir} whose names match {@code pattern}, sorted by name. */
  static List<Path> children(Path dir, Pattern pattern) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .filter(path -> pattern.matcher(path.getFileName().toString()).matches())
          .sorted()
          .toList();
    }
  }

  private static List<Path> uncheckedChildren(Path dir, Pattern pattern) {
    try {
      return children(dir, pattern);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Makes a rename or a new entry in {@code dir} durable (fsync of the folder). Platforms that
   * cannot open a folder as a channel (Windows) do without.
   */
  static void forceFolder(Path dir) throws IOException {
    FileChannel channel;
    try {
      channel = FileChannel.open(dir, StandardOpenOption.READ);
    } catch (IOException | UnsupportedOperationException notSupported) {
      return;
    }
    try (channel) {
      channel.force(true);
    }
  }
}
