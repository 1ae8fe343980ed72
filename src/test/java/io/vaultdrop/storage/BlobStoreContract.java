package io.vaultdrop.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The {@link BlobStore} contract, run against every backend by subclassing. A subclass provides a
 * fresh, empty store per test and a way to see leftovers the API cannot show (temp files, rows).
 */
public abstract class BlobStoreContract {

  /** A fresh, empty store (called once per test, after the subclass' set-up). */
  protected abstract BlobStore store();

  /** The backend's unit of buffering: database chunk size, file buffer size. */
  protected abstract int chunkSize();

  /** Asserts that no uncommitted data (temp files, pending rows, orphan chunks) remains. */
  protected abstract void assertNoLeftovers() throws IOException;

  @TestFactory
  Stream<DynamicTest> roundTrip_anySize_returnsSameBytes() {
    int c = chunkSize();
    return IntStream.of(0, 1, c - 1, c, c + 1, 3 * c + 17)
        .mapToObj(
            size ->
                DynamicTest.dynamicTest(
                    "size " + size,
                    () -> {
                      BlobStore store = store();
                      byte[] content = content(size, size);
                      BlobInfo stored =
                          store.put(BlobId.random(), new ByteArrayInputStream(content));
                      assertThat(stored.size()).isEqualTo(size);
                      assertThat(read(store, stored.id())).isEqualTo(content);
                      assertThat(store.size(stored.id())).hasValue(size);
                      assertNoLeftovers();
                    }));
  }

  @Test
  void writer_byteByByteAndArrays_committedContentMatches() throws IOException {
    BlobStore store = store();
    byte[] content = content(chunkSize() * 2 + 3, 7);
    BlobInfo info;
    try (BlobWriter writer = store.create()) {
      OutputStream out = writer.stream();
      out.write(content, 0, 5);
      for (int i = 5; i < 10; i++) {
        out.write(content[i]);
      }
      out.write(content, 10, content.length - 10);
      out.close();
      info = writer.commit();
      assertThat(info.id()).isEqualTo(writer.id());
    }
    assertThat(read(store, info.id())).isEqualTo(content);
  }

  @Test
  void writer_beforeCommit_blobIsInvisible() throws IOException {
    BlobStore store = store();
    try (BlobWriter writer = store.create()) {
      writer.stream().write(content(chunkSize() + 5, 1));
      assertThat(store.exists(writer.id())).isFalse();
      assertThat(store.size(writer.id())).isEmpty();
      assertThat(store.list(null, 10)).isEmpty();
      assertThatThrownBy(() -> store.open(writer.id())).isInstanceOf(BlobNotFoundException.class);
      writer.commit();
      assertThat(store.exists(writer.id())).isTrue();
    }
  }

  @Test
  void abort_afterWriting_leavesNothing() throws IOException {
    BlobStore store = store();
    BlobWriter writer = store.create();
    writer.stream().write(content(chunkSize() * 2 + 1, 2));
    writer.abort();
    writer.abort();
    assertThat(store.exists(writer.id())).isFalse();
    assertThat(store.list(null, 10)).isEmpty();
    assertThatThrownBy(() -> writer.stream().write(1)).isInstanceOf(IOException.class);
    assertThatThrownBy(writer::commit).isInstanceOf(IllegalStateException.class);
    assertNoLeftovers();
  }

  @Test
  void close_withoutCommit_leavesNothing() throws IOException {
    BlobStore store = store();
    BlobId id;
    try (BlobWriter writer = store.create()) {
      id = writer.id();
      writer.stream().write(content(chunkSize() + 1, 3));
      writer.stream().close();
    }
    assertThat(store.exists(id)).isFalse();
    assertNoLeftovers();
  }

  @Test
  void put_whenSourceFails_leavesNothing() throws IOException {
    BlobStore store = store();
    BlobId id = BlobId.random();
    InputStream failing =
        new InputStream() {
          private int served;

          @Override
          public int read() throws IOException {
            if (served++ > chunkSize() + 10) {
              throw new IOException("client went away");
            }
            return 42;
          }
        };
    assertThatThrownBy(() -> store.put(id, failing)).hasMessage("client went away");
    assertThat(store.exists(id)).isFalse();
    assertNoLeftovers();
  }

  @Test
  void commit_twice_isRefused() throws IOException {
    BlobStore store = store();
    try (BlobWriter writer = store.create()) {
      writer.stream().write(1);
      writer.commit();
      assertThatThrownBy(writer::commit).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> writer.stream().write(2)).isInstanceOf(IOException.class);
    }
    assertThat(store.list(null, 10)).hasSize(1);
  }

  @Test
  void put_existingId_isRefusedAndKeepsOriginal() throws IOException {
    BlobStore store = store();
    BlobId id = BlobId.random();
    byte[] original = content(100, 4);
    store.put(id, new ByteArrayInputStream(original));
    assertThatThrownBy(() -> store.put(id, new ByteArrayInputStream(content(50, 5))))
        .isInstanceOf(BlobAlreadyExistsException.class)
        .hasMessageNotContaining(id.value());
    assertThat(read(store, id)).isEqualTo(original);
    assertNoLeftovers();
  }

  @Test
  void open_missing_throwsTypedExceptionWithoutId() throws IOException {
    BlobStore store = store();
    BlobId id = BlobId.random();
    assertThatThrownBy(() -> store.open(id))
        .isInstanceOf(BlobNotFoundException.class)
        .hasMessageNotContaining(id.value())
        .satisfies(e -> assertThat(((BlobNotFoundException) e).id()).isEqualTo(id));
    assertThat(store.size(id)).isEmpty();
    assertThat(store.exists(id)).isFalse();
  }

  @Test
  void delete_isIdempotent() throws IOException {
    BlobStore store = store();
    BlobId id =
        store.put(BlobId.random(), new ByteArrayInputStream(content(chunkSize() + 1, 6))).id();
    store.delete(id);
    store.delete(id);
    store.delete(BlobId.random());
    assertThat(store.exists(id)).isFalse();
    assertThatThrownBy(() -> store.open(id)).isInstanceOf(BlobNotFoundException.class);
    assertThat(store.list(null, 10)).isEmpty();
    assertNoLeftovers();
  }

  @Test
  void list_pagesThroughCommittedBlobsInIdOrder() throws IOException {
    BlobStore store = store();
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
    List<BlobId> committed = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      committed.add(store.put(BlobId.random(), new ByteArrayInputStream(content(i, i))).id());
    }
    try (BlobWriter pending = store.create()) {
      pending.stream().write(content(10, 9));
      List<BlobInfo> all = new ArrayList<>();
      List<BlobInfo> page = store.list(null, 3);
      while (!page.isEmpty()) {
        assertThat(page.size()).isLessThanOrEqualTo(3);
        all.addAll(page);
        page = page.size() < 3 ? List.of() : store.list(page.getLast().id(), 3);
      }
      assertThat(all)
          .extracting(BlobInfo::id)
          .containsExactlyElementsOf(committed.stream().sorted().toList());
      assertThat(all).allSatisfy(info -> assertThat(info.createdAt()).isAfter(before));
      assertThat(all)
          .allSatisfy(info -> assertThat(info.size()).isEqualTo(committed.indexOf(info.id())));
    }
    assertThatThrownBy(() -> store.list(null, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void deleteAbandonedWrites_removesOnlyInactivePendingWrites() throws IOException {
    BlobStore store = store();
    BlobId kept = store.put(BlobId.random(), new ByteArrayInputStream(content(10, 1))).id();
    BlobWriter abandoned = store.create();
    abandoned.stream().write(content(chunkSize() + 1, 2));
    assertThat(store.deleteAbandonedWrites(Instant.now().minusSeconds(3600))).isZero();
    assertThat(store.deleteAbandonedWrites(Instant.now().plusSeconds(60))).isEqualTo(1);
    assertThatThrownBy(abandoned::commit).isInstanceOf(IOException.class);
    abandoned.close();
    assertThat(store.exists(abandoned.id())).isFalse();
    assertThat(read(store, kept)).isEqualTo(content(10, 1));
    assertNoLeftovers();
  }

  @Test
  void concurrentWriters_ofDifferentBlobs_allRoundTrip() throws Exception {
    BlobStore store = store();
    int writers = 6;
    List<Callable<Boolean>> tasks = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      int seed = i;
      tasks.add(
          () -> {
            byte[] content = content(chunkSize() * 2 + seed, seed);
            BlobId id = store.put(BlobId.random(), new ByteArrayInputStream(content)).id();
            return Arrays.equals(read(store, id), content);
          });
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
      for (Future<Boolean> result : pool.invokeAll(tasks)) {
        assertThat(result.get()).isTrue();
      }
    }
    assertThat(store.list(null, 100)).hasSize(writers);
    assertNoLeftovers();
  }

  protected static byte[] content(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  protected static byte[] read(BlobStore store, BlobId id) throws IOException {
    try (InputStream in = store.open(id)) {
      return in.readAllBytes();
    }
  }
}
