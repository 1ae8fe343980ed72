package io.vaultdrop.storage.database;

import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobInfo;
import io.vaultdrop.storage.BlobNotFoundException;
import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.storage.BlobWriter;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Blobs inside the metadata database (H2, PostgreSQL, MariaDB/MySQL), as rows of {@link
 * #DEFAULT_CHUNK_SIZE} bytes plus one {@code blobs} row that turns complete on commit.
 *
 * <p>Nothing relies on driver-side streaming ({@code setBinaryStream} is buffered whole by the
 * MariaDB and PostgreSQL drivers): a writer holds one chunk buffer and inserts full chunks as it
 * goes, a reader fetches one chunk per query. Memory per open stream is one chunk whatever the blob
 * size. Instants are stored as epoch milliseconds; a pending row's {@code created_at} is its last
 * write activity, a complete row's is its commit time.
 *
 * <p>Module-internal: other modules inject {@link BlobStore}.
 */
public final class DatabaseBlobStore implements BlobStore {

  /** 1 MiB: small next to every vendor's packet limit (MariaDB's default is 16 MiB). */
  public static final int DEFAULT_CHUNK_SIZE = 1024 * 1024;

  private static final int SWEEP_BATCH = 100;

  private final BlobRows rows;
  private final Clock clock;
  private final int chunkSize;

  public DatabaseBlobStore(DataSource dataSource) {
    this(dataSource, Clock.systemUTC(), DEFAULT_CHUNK_SIZE);
  }

  DatabaseBlobStore(DataSource dataSource, Clock clock, int chunkSize) {
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunk size must be positive");
    }
    this.rows = new BlobRows(dataSource);
    this.clock = clock;
    this.chunkSize = chunkSize;
  }

  @Override
  public BlobWriter create(BlobId id) throws IOException {
    rows.insertPending(id, clock.millis());
    return new DatabaseBlobWriter(id, rows, clock, chunkSize);
  }

  @Override
  public InputStream open(BlobId id) throws IOException {
    OptionalLong size = rows.committedSize(id);
    if (size.isEmpty()) {
      throw new BlobNotFoundException(id);
    }
    return new ChunkInputStream(rows, id, size.getAsLong());
  }

  @Override
  public OptionalLong size(BlobId id) throws IOException {
    return rows.committedSize(id);
  }

  @Override
  public void delete(BlobId id) throws IOException {
    rows.delete(id);
  }

  @Override
  public List<BlobInfo> list(@Nullable BlobId after, int limit) throws IOException {
    return rows.list(after, BlobStore.checkPageSize(limit));
  }

  @Override
  public void checkAvailable() throws IOException {
    rows.committedSize(BlobId.parse("0".repeat(32)));
  }

  @Override
  public int deleteAbandonedWrites(Instant inactiveSince) throws IOException {
    int removed = 0;
    List<BlobId> batch;
    do {
      batch = rows.pendingInactiveSince(inactiveSince.toEpochMilli(), SWEEP_BATCH);
      for (BlobId id : batch) {
        rows.deletePending(id);
        removed++;
      }
    } while (batch.size() == SWEEP_BATCH);
    return removed;
  }
}
