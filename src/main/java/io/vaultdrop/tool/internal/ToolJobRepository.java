package io.vaultdrop.tool.internal;

import io.vaultdrop.crypto.CipherSuite;
import io.vaultdrop.objects.StoredObjects;
import io.vaultdrop.storage.BlobId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** SQL for {@code tool_jobs}. Every read and delete that a user triggers is scoped by owner. */
@Repository
class ToolJobRepository {

  private static final String COLUMNS =
      "id, owner_id, kind, name, algorithm, key_mode, size_bytes, encrypted_size, blob_id,"
          + " enc_downloaded, key_downloaded, created_at, expires_at";

  private final JdbcClient jdbc;
  private final StoredObjects objects;
  private final TransactionTemplate transactions;

  ToolJobRepository(JdbcClient jdbc, StoredObjects objects, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.objects = objects;
    this.transactions = transactions;
  }

  void insert(ToolJob job, byte[] sealedKey) {
    jdbc.sql(
            "INSERT INTO tool_jobs (id, owner_id, kind, name, algorithm, key_mode, size_bytes,"
                + " encrypted_size, blob_id, sealed_key, enc_downloaded, key_downloaded,"
                + " created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            job.id(),
            job.ownerId(),
            job.kind().name(),
            job.name(),
            job.algorithm().name(),
            job.keyMode().name(),
            job.size(),
            job.encryptedSize(),
            job.blobId().value(),
            sealedKey,
            job.encDownloaded(),
            job.keyDownloaded(),
            job.createdAt().toEpochMilli(),
            job.expiresAt().toEpochMilli())
        .update();
  }

  /** The owner's live (unexpired) job of that kind; other users' jobs look missing. */
  Optional<ToolJob> find(String ownerId, String id, JobKind kind, Instant now) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM tool_jobs WHERE id = ? AND owner_id = ? AND kind = ? AND expires_at > ?")
        .params(id, ownerId, kind.name(), now.toEpochMilli())
        .query(ToolJobRepository::map)
        .optional();
  }

  Optional<byte[]> sealedKey(String id) {
    return jdbc.sql("SELECT sealed_key FROM tool_jobs WHERE id = ?")
        .param(id)
        .query((rs, n) -> rs.getBytes(1))
        .optional();
  }

  List<ToolJob> live(String ownerId, Instant now) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM tool_jobs WHERE owner_id = ? AND expires_at > ?"
                + " ORDER BY created_at DESC, id")
        .params(ownerId, now.toEpochMilli())
        .query(ToolJobRepository::map)
        .list();
  }

  List<ToolJob> ofOwner(String ownerId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM tool_jobs WHERE owner_id = ?")
        .param(ownerId)
        .query(ToolJobRepository::map)
        .list();
  }

  List<ToolJob> expired(Instant now, int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM tool_jobs WHERE expires_at <= ? ORDER BY expires_at LIMIT ?")
        .params(now.toEpochMilli(), limit)
        .query(ToolJobRepository::map)
        .list();
  }

  void markEncDownloaded(String id) {
    jdbc.sql("UPDATE tool_jobs SET enc_downloaded = TRUE WHERE id = ?").param(id).update();
  }

  /**
   * Takes the one download of a decryption job's original, atomically: concurrent requests on any
   * node get it at most once.
   *
   * @return whether this call took it
   */
  boolean claimOriginal(String ownerId, String id) {
    return jdbc.sql(
                "UPDATE tool_jobs SET enc_downloaded = TRUE WHERE id = ? AND owner_id = ?"
                    + " AND kind = 'DECRYPT' AND enc_downloaded = FALSE")
            .params(id, ownerId)
            .update()
        == 1;
  }

  /** Gives back the claim of a decryption job's original whose transfer never started. */
  void releaseOriginal(String id) {
    jdbc.sql("UPDATE tool_jobs SET enc_downloaded = FALSE WHERE id = ? AND kind = 'DECRYPT'")
        .param(id)
        .update();
  }

  void markKeyDownloaded(String id) {
    jdbc.sql("UPDATE tool_jobs SET key_downloaded = TRUE WHERE id = ?").param(id).update();
  }

  /**
   * Deletes the job if both files were fetched; true for exactly one caller. Every delete here
   * deletes the job's object in the same transaction: its blob goes after commit, once no download
   * reads it any more.
   */
  boolean deleteIfComplete(String id, BlobId blob) {
    return deleteWithObject(
        blob,
        "DELETE FROM tool_jobs WHERE id = ? AND enc_downloaded = TRUE AND key_downloaded = TRUE",
        id);
  }

  boolean delete(String id, BlobId blob) {
    return deleteWithObject(blob, "DELETE FROM tool_jobs WHERE id = ?", id);
  }

  boolean deleteOwned(String ownerId, String id, BlobId blob) {
    return deleteWithObject(
        blob, "DELETE FROM tool_jobs WHERE id = ? AND owner_id = ?", id, ownerId);
  }

  boolean deleteExpired(String id, Instant now, BlobId blob) {
    return deleteWithObject(
        blob, "DELETE FROM tool_jobs WHERE id = ? AND expires_at <= ?", id, now.toEpochMilli());
  }

  private boolean deleteWithObject(BlobId blob, String sql, Object... params) {
    return Boolean.TRUE.equals(
        transactions.execute(
            status -> {
              if (jdbc.sql(sql).params(params).update() != 1) {
                return false;
              }
              objects.delete(blob);
              return true;
            }));
  }

  private static ToolJob map(ResultSet rs, int row) throws SQLException {
    return new ToolJob(
        rs.getString("id"),
        rs.getString("owner_id"),
        JobKind.valueOf(rs.getString("kind")),
        rs.getString("name"),
        CipherSuite.valueOf(rs.getString("algorithm")),
        KeyMode.valueOf(rs.getString("key_mode")),
        rs.getLong("size_bytes"),
        rs.getLong("encrypted_size"),
        BlobId.parse(rs.getString("blob_id")),
        rs.getBoolean("enc_downloaded"),
        rs.getBoolean("key_downloaded"),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        Instant.ofEpochMilli(rs.getLong("expires_at")));
  }
}
