-- What became of a share link after its row went (docs/shares.md, "Landing states"), so the
-- landing page can tell the recipient "used up", "expired", "revoked" or "locked" instead of a bare
-- "not found". Conventions: see V1.
--
-- The token is never stored. token_verifier is the share's own verifier: HKDF-SHA-256 keyed by the
-- link's 256-bit secret (V4), so only someone holding the exact link finds its row; a token that
-- never existed (or a mistyped one) finds nothing and stays a plain 404. No name, size, owner or
-- id is kept. reason: used_up | expired | revoked | locked (too many wrong passwords).
-- Rows are kept for VAULTDROP_SHARES_TOMBSTONE_RETENTION (30 days by default), then swept with the
-- expired shares, on one node at a time.
CREATE TABLE share_tombstones (
    token_verifier VARCHAR(64) NOT NULL,
    reason         VARCHAR(16) NOT NULL,
    ended_at       BIGINT      NOT NULL,
    PRIMARY KEY (token_verifier)
) ${table_options};

CREATE INDEX ix_share_tombstones_ended ON share_tombstones (ended_at);
