package io.vaultdrop.capsules.internal;

import io.vaultdrop.storage.BlobId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code capsules} table: which blobs are capsules, by whom and since when. Never a key. */
@Component
public final class CapsuleRows {

  private final JdbcClient jdbc;

  CapsuleRows(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(BlobId blob, @Nullable String ownerId, Instant createdAt) {
    jdbc.sql("INSERT INTO capsules (blob_id, owner_id, created_at) VALUES (?, ?, ?)")
        .params(blob.value(), ownerId, createdAt.toEpochMilli())
        .update();
  }

  /** When the capsule was created, or empty if it is not (or no longer) a capsule. */
  public Optional<Instant> createdAt(BlobId blob) {
    return jdbc.sql("SELECT created_at FROM capsules WHERE blob_id = ?")
        .param(blob.value())
        .query(Long.class)
        .optional()
        .map(Instant::ofEpochMilli);
  }

  /** Whether the row existed. */
  boolean delete(BlobId blob) {
    return jdbc.sql("DELETE FROM capsules WHERE blob_id = ?").param(blob.value()).update() > 0;
  }

  List<BlobId> createdBefore(Instant cutoff, int limit) {
    return jdbc
        .sql("SELECT blob_id FROM capsules WHERE created_at < ? ORDER BY created_at LIMIT ?")
        .params(cutoff.toEpochMilli(), limit)
        .query(String.class)
        .list()
        .stream()
        .map(BlobId::parse)
        .toList();
  }

  List<BlobId> ownedBy(String ownerId) {
    return jdbc
        .sql("SELECT blob_id FROM capsules WHERE owner_id = ?")
        .param(ownerId)
        .query(String.class)
        .list()
        .stream()
        .map(BlobId::parse)
        .toList();
  }
}
