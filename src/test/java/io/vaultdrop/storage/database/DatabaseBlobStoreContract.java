package io.vaultdrop.storage.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.storage.BlobStoreContract;
import io.vaultdrop.storage.BlobWriter;
import io.vaultdrop.testsupport.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The blob store contract plus the structural facts that keep memory flat, on one database. Tests
 * use a small chunk so that chunk boundaries are cheap to cross.
 */
abstract class DatabaseBlobStoreContract extends BlobStoreContract {

  static final int CHUNK = 16 * 1024;

  private DatabaseBlobStore store;
  private JdbcTemplate jdbc;

  /** The database of the concrete class, registered as an extension there. */
  abstract TestDatabase database();

  @BeforeEach
  void freshStore() {
    database().migrate();
    jdbc = new JdbcTemplate(database().dataSource());
    jdbc.update("DELETE FROM blob_chunks");
    jdbc.update("DELETE FROM blobs");
    store = new DatabaseBlobStore(database().dataSource(), Clock.systemUTC(), CHUNK);
  }

  @Override
  protected BlobStore store() {
    return store;
  }

  @Override
  protected int chunkSize() {
    return CHUNK;
  }

  @Override
  protected void assertNoLeftovers() {
    assertThat(count("SELECT COUNT(*) FROM blobs WHERE complete = FALSE")).isZero();
    assertThat(
            count(
                "SELECT COUNT(*) FROM blob_chunks c WHERE NOT EXISTS"
                    + " (SELECT 1 FROM blobs b WHERE b.id = c.blob_id AND b.complete = TRUE)"))
        .isZero();
  }

  /** Deletes run in batches of chunks (each statement short); every batch and the rest go. */
  @Test
  void delete_ofABlobWithSeveralDeleteBatches_removesEveryChunk() throws IOException {
    BlobId id = BlobId.random();
    byte[] content = new byte[(2 * BlobRows.DELETE_BATCH + 3) * CHUNK + 5];
    Arrays.fill(content, (byte) 7);
    store.put(id, new ByteArrayInputStream(content));
    assertThat(count("SELECT COUNT(*) FROM blob_chunks")).isEqualTo(2L * BlobRows.DELETE_BATCH + 4);

    store.delete(id);

    assertThat(count("SELECT COUNT(*) FROM blob_chunks")).isZero();
    assertThat(store.exists(id)).isFalse();
  }

  @Test
  void checkAvailable_onAReachableDatabase_passes() throws IOException {
    store.checkAvailable();
  }

  @Test
  void put_storesOneRowPerChunk() throws IOException {
    BlobId id =
        store.put(BlobId.random(), new ByteArrayInputStream(content(5 * CHUNK + 1, 1))).id();
    assertThat(count("SELECT COUNT(*) FROM blob_chunks WHERE blob_id = ?", id)).isEqualTo(6);
    assertThat(count("SELECT MAX(seq) FROM blob_chunks WHERE blob_id = ?", id)).isEqualTo(5);
    BlobId empty = store.put(BlobId.random(), InputStream.nullInputStream()).id();
    assertThat(count("SELECT COUNT(*) FROM blob_chunks WHERE blob_id = ?", empty)).isZero();
  }

  @Test
  void write_insertsEachFullChunkBeforeCommit() throws IOException {
    try (BlobWriter writer = store.create()) {
      writer.stream().write(content(3 * CHUNK + 5, 2));
      assertThat(count("SELECT COUNT(*) FROM blob_chunks WHERE blob_id = ?", writer.id()))
          .isEqualTo(3);
      writer.commit();
    }
  }

  @Test
  void read_neverReturnsMoreThanOneChunkAtATime() throws IOException {
    byte[] content = content(4 * CHUNK + 3, 3);
    BlobId id = store.put(BlobId.random(), new ByteArrayInputStream(content)).id();
    byte[] big = new byte[content.length + 100];
    int total = 0;
    try (InputStream in = store.open(id)) {
      int n;
      while ((n = in.read(big, total, big.length - total)) > 0) {
        assertThat(n).isLessThanOrEqualTo(CHUNK);
        total += n;
      }
    }
    assertThat(total).isEqualTo(content.length);
  }

  @Test
  void read_whenChunksVanish_failsInsteadOfEndingEarly() throws IOException {
    BlobId id = store.put(BlobId.random(), new ByteArrayInputStream(content(3 * CHUNK, 4))).id();
    try (InputStream in = store.open(id)) {
      in.readNBytes(CHUNK);
      jdbc.update("DELETE FROM blob_chunks WHERE blob_id = ? AND seq = 1", id.value());
      assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class);
    }
  }

  private long count(String sql, BlobId... id) {
    Object[] args = Arrays.stream(id).map(BlobId::value).toArray();
    Long value = jdbc.queryForObject(sql, Long.class, args);
    return value == null ? 0 : value;
  }
}
