package io.vaultdrop.shares.internal;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * SQL for {@code share_tombstones} (V20): why a deleted share ended, keyed by its token verifier
 * (never the token), so only the holder of the exact link learns it. Instants are epoch ms.
 */
@Component
final class ShareTombstones {

  /** A share's end as its tombstone records it. */
  record Tombstone(ShareEnd reason, Instant endedAt) {}

  private final JdbcClient jdbc;

  ShareTombstones(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void record(String tokenVerifier, ShareEnd reason, Instant endedAt) {
    jdbc.sql("INSERT INTO share_tombstones (token_verifier, reason, ended_at) VALUES (?, ?, ?)")
        .params(tokenVerifier, reason.code(), endedAt.toEpochMilli())
        .update();
  }

  Optional<Tombstone> find(String tokenVerifier) {
    return jdbc.sql("SELECT reason, ended_at FROM share_tombstones WHERE token_verifier = ?")
        .param(tokenVerifier)
        .query(
            (rs, row) ->
                new Tombstone(
                    ShareEnd.ofCode(rs.getString("reason")),
                    Instant.ofEpochMilli(rs.getLong("ended_at"))))
        .optional();
  }

  /** Deletes tombstones of shares that ended before {@code cutoff}; returns how many. */
  int deleteEndedBefore(Instant cutoff) {
    return jdbc.sql("DELETE FROM share_tombstones WHERE ended_at < ?")
        .param(cutoff.toEpochMilli())
        .update();
  }
}
