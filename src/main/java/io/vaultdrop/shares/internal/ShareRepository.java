package io.vaultdrop.shares.internal;

import io.vaultdrop.storage.BlobId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** SQL for {@code shares} and {@code share_resumes}; instants are epoch milliseconds. */
@Component
public final class ShareRepository {

  private static final String COLUMNS =
      "id, blob_id, owner_id, file_name, size_bytes, created_at, expires_at, max_downloads,"
          + " remaining, in_flight, token_verifier, revoke_hash, password_salt, password_verifier,"
          + " argon2_memory_kib, argon2_iterations, argon2_parallelism, failed_attempts,"
          + " file_count";
  private static final String FILE_COLUMNS =
      "share_id, file_index, blob_id, file_name, size_bytes, aad_version, sealed_crc";

  private final JdbcClient jdbc;

  ShareRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(StoredShare s) {
    ShareKeys.PasswordParameters p = s.password();
    jdbc.sql(
            "INSERT INTO shares ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            s.id(),
            s.blobId().value(),
            s.ownerId(),
            s.fileName(),
            s.size(),
            s.createdAt().toEpochMilli(),
            s.expiresAt().toEpochMilli(),
            s.maxDownloads(),
            s.remaining(),
            s.inFlight(),
            s.tokenVerifier(),
            s.revokeHash(),
            p == null ? null : p.encodedSalt(),
            s.passwordVerifier(),
            p == null ? null : p.memoryKib(),
            p == null ? null : p.iterations(),
            p == null ? null : p.parallelism(),
            s.failedAttempts(),
            s.fileCount())
        .update();
  }

  void insertFile(ShareFile f) {
    jdbc.sql("INSERT INTO share_files (" + FILE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(
            f.shareId(),
            f.index(),
            f.blobId().value(),
            f.name(),
            f.size(),
            f.aadVersion(),
            f.sealedCrc())
        .update();
  }

  /** The files of every share of {@code ownerId}, in order per share. */
  List<ShareFile> filesOfOwner(String ownerId) {
    return jdbc.sql(
            "SELECT f.share_id, f.file_index, f.blob_id, f.file_name, f.size_bytes, f.aad_version,"
                + " f.sealed_crc FROM share_files f JOIN shares s ON s.id = f.share_id"
                + " WHERE s.owner_id = ? ORDER BY f.share_id, f.file_index")
        .param(ownerId)
        .query(ShareRepository::mapFile)
        .list();
  }

  /** The files of a share, in order. */
  List<ShareFile> files(String shareId) {
    return jdbc.sql(
            "SELECT " + FILE_COLUMNS + " FROM share_files WHERE share_id = ? ORDER BY file_index")
        .param(shareId)
        .query(ShareRepository::mapFile)
        .list();
  }

  private static ShareFile mapFile(ResultSet rs, int row) throws SQLException {
    return new ShareFile(
        rs.getString("share_id"),
        rs.getInt("file_index"),
        BlobId.parse(rs.getString("blob_id")),
        rs.getString("file_name"),
        rs.getLong("size_bytes"),
        rs.getInt("aad_version"),
        rs.getString("sealed_crc"));
  }

  Optional<StoredShare> find(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM shares WHERE id = ?")
        .param(id)
        .query(ShareRepository::map)
        .optional();
  }

  List<StoredShare> findByOwner(String ownerId) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM shares WHERE owner_id = ? ORDER BY created_at DESC")
        .param(ownerId)
        .query(ShareRepository::map)
        .list();
  }

  /**
   * Takes one download if exactly {@code expectedRemaining} are left and the share has not expired:
   * one atomic conditional UPDATE, so concurrent claims on any number of nodes never take more
   * downloads than there are.
   *
   * @return whether this call took it
   */
  boolean claim(String id, int expectedRemaining, Instant now) {
    return jdbc.sql(
                "UPDATE shares SET remaining = remaining - 1, in_flight = in_flight + 1,"
                    + " last_claim_at = ? WHERE id = ? AND remaining = ? AND remaining > 0"
                    + " AND expires_at > ? AND failed_attempts < ?")
            .params(
                now.toEpochMilli(),
                id,
                expectedRemaining,
                now.toEpochMilli(),
                ShareService.MAX_PASSWORD_ATTEMPTS)
            .update()
        == 1;
  }

  /** A resumed transfer starts: counted as running so the share is not deleted under it. */
  boolean startResumedTransfer(String id, Instant now) {
    return jdbc.sql("UPDATE shares SET in_flight = in_flight + 1, last_claim_at = ? WHERE id = ?")
            .params(now.toEpochMilli(), id)
            .update()
        == 1;
  }

  /**
   * Stores a resume token's hash for the transfer of {@code target}: {@link
   * ShareTransfers#ZIP_TARGET} for the zip of all files, else the 0-based index of the file.
   */
  void insertResume(String tokenHash, String shareId, int target, Instant expiresAt) {
    jdbc.sql(
            "INSERT INTO share_resumes (token_hash, share_id, target, expires_at, uses)"
                + " VALUES (?, ?, ?, ?, 0)")
        .params(tokenHash, shareId, target, expiresAt.toEpochMilli())
        .update();
  }

  /**
   * Takes one use of a live resume token of that share and of that target (the zip or one file):
   * one conditional UPDATE, so parallel resumes never exceed {@code maxUses}.
   */
  boolean useResume(String tokenHash, String shareId, int target, Instant now, int maxUses) {
    return jdbc.sql(
                "UPDATE share_resumes SET uses = uses + 1 WHERE token_hash = ? AND share_id = ?"
                    + " AND target = ? AND expires_at > ? AND uses < ?")
            .params(tokenHash, shareId, target, now.toEpochMilli(), maxUses)
            .update()
        == 1;
  }

  void deleteResume(String tokenHash) {
    jdbc.sql("DELETE FROM share_resumes WHERE token_hash = ?").param(tokenHash).update();
  }

  boolean hasLiveResume(String shareId, Instant now) {
    return jdbc.sql("SELECT COUNT(*) FROM share_resumes WHERE share_id = ? AND expires_at > ?")
            .params(shareId, now.toEpochMilli())
            .query(Long.class)
            .single()
        > 0;
  }

  int deleteExpiredResumes(Instant now) {
    return jdbc.sql("DELETE FROM share_resumes WHERE expires_at <= ?")
        .param(now.toEpochMilli())
        .update();
  }

  /** A claimed transfer ended before it started: the download it took is available again. */
  void giveBack(String id) {
    jdbc.sql(
            "UPDATE shares SET remaining = remaining + 1, in_flight = in_flight - 1"
                + " WHERE id = ? AND in_flight > 0 AND remaining < max_downloads")
        .param(id)
        .update();
  }

  /** A claimed transfer ended (completed or aborted). */
  void finishTransfer(String id) {
    jdbc.sql("UPDATE shares SET in_flight = in_flight - 1 WHERE id = ? AND in_flight > 0")
        .param(id)
        .update();
  }

  /**
   * Counts one wrong password if fewer than {@code max} were counted.
   *
   * @return the number of wrong attempts afterwards, or empty if none was counted (row gone or
   *     already at {@code max})
   */
  Optional<Integer> countFailedAttempt(String id, int max) {
    int updated =
        jdbc.sql(
                "UPDATE shares SET failed_attempts = failed_attempts + 1"
                    + " WHERE id = ? AND failed_attempts < ?")
            .params(id, max)
            .update();
    if (updated == 0) {
      return Optional.empty();
    }
    return jdbc.sql("SELECT failed_attempts FROM shares WHERE id = ?")
        .param(id)
        .query(Integer.class)
        .optional();
  }

  /** Deletes the share's rows; returns whether its row was still there (false: gone already). */
  boolean delete(String id) {
    jdbc.sql("DELETE FROM share_resumes WHERE share_id = ?").param(id).update();
    jdbc.sql("DELETE FROM share_files WHERE share_id = ?").param(id).update();
    return jdbc.sql("DELETE FROM shares WHERE id = ?").param(id).update() == 1;
  }

  /** Shares that can still be downloaded: not expired, not used up, not locked. */
  long countActive(Instant now) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM shares WHERE expires_at > ? AND remaining > 0"
                + " AND failed_attempts < ?")
        .params(now.toEpochMilli(), ShareService.MAX_PASSWORD_ATTEMPTS)
        .query(Long.class)
        .single();
  }

  /**
   * Shares to sweep: expired, or used up with no transfer running (or whose transfers stalled: last
   * claim before {@code stalledBefore}) and no aborted transfer that may still be resumed.
   */
  List<StoredShare> sweepable(Instant now, Instant stalledBefore, int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM shares WHERE expires_at <= ? OR failed_attempts >= ?"
                + " OR (remaining <= 0 AND (in_flight <= 0 OR last_claim_at < ?)"
                + " AND NOT EXISTS (SELECT 1 FROM share_resumes r"
                + " WHERE r.share_id = shares.id AND r.expires_at > ?))"
                + " ORDER BY id LIMIT ?")
        .params(
            now.toEpochMilli(),
            ShareService.MAX_PASSWORD_ATTEMPTS,
            stalledBefore.toEpochMilli(),
            now.toEpochMilli(),
            limit)
        .query(ShareRepository::map)
        .list();
  }

  private static StoredShare map(ResultSet rs, int row) throws SQLException {
    String salt = rs.getString("password_salt");
    ShareKeys.PasswordParameters password =
        salt == null
            ? null
            : ShareKeys.PasswordParameters.decode(
                salt,
                rs.getInt("argon2_memory_kib"),
                rs.getInt("argon2_iterations"),
                rs.getInt("argon2_parallelism"));
    return new StoredShare(
        rs.getString("id"),
        BlobId.parse(rs.getString("blob_id")),
        rs.getString("owner_id"),
        rs.getString("file_name"),
        rs.getLong("size_bytes"),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        Instant.ofEpochMilli(rs.getLong("expires_at")),
        rs.getInt("max_downloads"),
        rs.getInt("remaining"),
        rs.getInt("in_flight"),
        rs.getString("token_verifier"),
        rs.getString("revoke_hash"),
        password,
        rs.getString("password_verifier"),
        rs.getInt("failed_attempts"),
        rs.getInt("file_count"));
  }
}
