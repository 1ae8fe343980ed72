package io.vaultdrop.storage.filesystem;

import io.vaultdrop.storage.BlobAlreadyExistsException;
import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobInfo;
import io.vaultdrop.storage.BlobNotFoundException;
import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.storage.BlobWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Blobs as files under {@code <data-dir>/blobs}, laid out by {@link FilesystemLayout}.
 *
 * <p>A write goes to a temp file in the blob's own folder; commit flushes it, forces it to disk,
 * renames it to its final name with {@code ATOMIC_MOVE} and forces the folder, so after a crash a
 * blob is either complete or absent, never half visible. Folders are {@code 0700} and files {@code
 * 0600} where the file system is POSIX. A blob's creation time is its file's modification time
 * (blobs are never modified after commit).
 *
 * <p>Module-internal: other modules inject {@link BlobStore}.
 */
public final class FilesystemBlobStore implements BlobStore {

  private final FilesystemLayout layout;

  /** Uses (and creates if needed) {@code root} as the blob folder. */
  public FilesystemBlobStore(Path root) throws IOException {
    this.layout = new FilesystemLayout(root.toAbsolutePath().normalize());
    layout.createFolders(layout.root());
  }

  @Override
  public BlobWriter create(BlobId id) throws IOException {
    layout.requireRoot();
    Path target = layout.blobPath(id);
    if (Files.exists(target)) {
      throw new BlobAlreadyExistsException(id);
    }
    layout.createFolders(target.getParent());
    Path temp = layout.newTempPath(id);
    FileChannel channel =
        FileChannel.open(
            temp,
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            layout.fileAttributes());
    return new FilesystemBlobWriter(id, temp, target, channel);
  }

  @Override
  public InputStream open(BlobId id) throws IOException {
    layout.requireRoot();
    try {
      return Files.newInputStream(layout.blobPath(id));
    } catch (NoSuchFileException e) {
      throw new BlobNotFoundException(id);
    }
  }

  @Override
  public OptionalLong size(BlobId id) throws IOException {
    layout.requireRoot();
    try {
      return OptionalLong.of(Files.size(layout.blobPath(id)));
    } catch (NoSuchFileException e) {
      return OptionalLong.empty();
    }
  }

  @Override
  public void delete(BlobId id) throws IOException {
    layout.requireRoot();
    Files.deleteIfExists(layout.blobPath(id));
  }

  @Override
  public List<BlobInfo> list(@Nullable BlobId after, int limit) throws IOException {
    BlobStore.checkPageSize(limit);
    layout.requireRoot();
    String from = after == null ? "" : after.value();
    List<BlobInfo> page = new ArrayList<>(limit);
    for (Path first : FilesystemLayout.children(layout.root(), FilesystemLayout.SHARD)) {
      String a = first.getFileName().toString();
      if (a.compareTo(prefix(from, 2)) < 0) {
        continue;
      }
      for (Path second : FilesystemLayout.children(first, FilesystemLayout.SHARD)) {
        if ((a + second.getFileName()).compareTo(prefix(from, 4)) < 0) {
          continue;
        }
        for (Path file : FilesystemLayout.children(second, FilesystemLayout.BLOB)) {
          if (file.getFileName().toString().compareTo(from) > 0) {
            addIfPresent(page, file);
            if (page.size() == limit) {
              return page;
            }
          }
        }
      }
    }
    return page;
  }

  private static String prefix(String id, int length) {
    return id.length() < length ? id : id.substring(0, length);
  }

  private static void addIfPresent(List<BlobInfo> page, Path file) throws IOException {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      page.add(
          new BlobInfo(
              BlobId.parse(file.getFileName().toString()),
              attributes.size(),
              attributes.lastModifiedTime().toInstant()));
    } catch (NoSuchFileException deletedMeanwhile) {
      // listed, then deleted before we looked: not part of this page
    }
  }

  /** The blob folder is there and can be read (an unmounted or hung volume fails or blocks). */
  @Override
  public void checkAvailable() throws IOException {
    layout.requireRoot();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(layout.root())) {
      entries.iterator().hasNext();
    }
  }

  @Override
  public int deleteAbandonedWrites(Instant inactiveSince) throws IOException {
    layout.requireRoot();
    int removed = 0;
    for (Path shard : layout.shardFolders()) {
      try (Stream<Path> entries = Files.list(shard)) {
        for (Path temp : entries.filter(FilesystemLayout::isTemp).toList()) {
          if (isInactive(temp, inactiveSince) && Files.deleteIfExists(temp)) {
            removed++;
          }
        }
      }
    }
    return removed;
  }

  private static boolean isInactive(Path temp, Instant inactiveSince) throws IOException {
    try {
      return Files.getLastModifiedTime(temp).toInstant().isBefore(inactiveSince);
    } catch (NoSuchFileException committedOrAbortedMeanwhile) {
      return false;
    }
  }
}
