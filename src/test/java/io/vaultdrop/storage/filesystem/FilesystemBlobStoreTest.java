package io.vaultdrop.storage.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobNotFoundException;
import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.storage.BlobStoreContract;
import io.vaultdrop.storage.BlobWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemBlobStoreTest extends BlobStoreContract {

  @TempDir Path dataDir;
  private Path root;
  private FilesystemBlobStore store;

  @BeforeEach
  void setUp() throws IOException {
    root = dataDir.resolve("blobs");
    store = new FilesystemBlobStore(root);
  }

  @Override
  protected BlobStore store() {
    return store;
  }

  @Override
  protected int chunkSize() {
    return WriteBehindOutput.BUFFER_SIZE;
  }

  @Override
  protected void assertNoLeftovers() throws IOException {
    assertThat(allFiles()).noneMatch(FilesystemLayout::isTemp);
  }

  @Test
  void put_storesUnderTwoLevelShardNamedById() throws IOException {
    BlobId id = store.put(BlobId.random(), new ByteArrayInputStream(new byte[] {1, 2})).id();
    String v = id.value();
    assertThat(allFiles()).containsExactly(root.resolve(v.substring(0, 2), v.substring(2, 4), v));
  }

  @Test
  void foldersAndFiles_areOwnerOnly() throws IOException {
    BlobId id = store.put(BlobId.random(), new ByteArrayInputStream(new byte[] {1})).id();
    Path file = new FilesystemLayout(root).blobPath(id);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    for (Path folder : List.of(root, file.getParent(), file.getParent().getParent())) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)))
          .isEqualTo("rwx------");
    }
  }

  @Test
  void writeInProgress_isOnlyAnOwnerOnlyTempFileBesideTheTarget() throws IOException {
    try (BlobWriter writer = store.create()) {
      writer.stream().write(new byte[] {1, 2, 3});
      List<Path> files = allFiles();
      assertThat(files).hasSize(1).allMatch(FilesystemLayout::isTemp);
      Path temp = files.getFirst();
      assertThat(temp.getParent())
          .isEqualTo(new FilesystemLayout(root).blobPath(writer.id()).getParent());
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp)))
          .isEqualTo("rw-------");
      writer.commit();
    }
    assertThat(allFiles()).noneMatch(FilesystemLayout::isTemp).hasSize(1);
  }

  @Test
  void strayTempFromCrash_isNotListedAndIsSweptWhenOld() throws IOException {
    BlobId id = BlobId.random();
    FilesystemLayout layout = new FilesystemLayout(root);
    layout.createFolders(layout.blobPath(id).getParent());
    Path stray = Files.write(layout.newTempPath(id), new byte[] {9, 9});
    Files.setLastModifiedTime(stray, FileTime.from(Instant.now().minusSeconds(7200)));
    assertThat(store.list(null, 10)).isEmpty();
    assertThat(store.exists(id)).isFalse();

    assertThat(store.deleteAbandonedWrites(Instant.now().minusSeconds(3600))).isEqualTo(1);
    assertThat(stray).doesNotExist();
  }

  @Test
  void list_ignoresForeignFiles() throws IOException {
    Files.writeString(root.resolve("README"), "not a blob");
    Files.createDirectories(root.resolve("zz"));
    BlobId id = store.put(BlobId.random(), new ByteArrayInputStream(new byte[] {1})).id();
    Files.writeString(new FilesystemLayout(root).blobPath(id).resolveSibling("notes.txt"), "x");
    assertThat(store.list(null, 10)).extracting(info -> info.id()).containsExactly(id);
  }

  /** An unmounted volume: nothing may look like success, nothing may be recreated underneath. */
  @Test
  void missingRoot_failsEveryOperation_andIsNotRecreated() throws IOException {
    BlobId id = store.put(BlobId.random(), new ByteArrayInputStream(new byte[] {1, 2})).id();
    Path unmounted = dataDir.resolve("unmounted");
    Files.move(root, unmounted);

    assertThatThrownBy(() -> store.create(BlobId.random()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("mounted");
    assertThatThrownBy(() -> store.open(id))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(BlobNotFoundException.class);
    assertThatThrownBy(() -> store.delete(id)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> store.size(id)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> store.list(null, 10)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> store.deleteAbandonedWrites(Instant.now()))
        .isInstanceOf(IOException.class);
    assertThat(root).doesNotExist();

    Files.move(unmounted, root);
    assertThat(store.exists(id)).isTrue();
  }

  private List<Path> allFiles() throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }
}
