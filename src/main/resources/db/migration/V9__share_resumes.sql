-- Vaultdrop schema V9: resuming an aborted share download (conventions: see V1; docs/shares.md).
--
-- Every claimed download gets a resume token, sent once in a response header to the claimant. A row
-- here lets that claimant fetch the rest of the file with Range for a short grace period after an
-- aborted transfer, without claiming another download. Only a hash of the token is stored.
--   token_hash  SHA-256 of the resume token (base64url)
--   uses        resumed transfers started with it (capped)
-- The row goes when its transfer completes, when it expires (sweeper) or with its share.
CREATE TABLE share_resumes (
    token_hash  VARCHAR(64) NOT NULL,
    share_id    VARCHAR(32) NOT NULL,
    expires_at  BIGINT      NOT NULL,
    uses        INTEGER     NOT NULL,
    PRIMARY KEY (token_hash)
) ${table_options};

CREATE INDEX ix_share_resumes_share ON share_resumes (share_id);
CREATE INDEX ix_share_resumes_expires ON share_resumes (expires_at);
