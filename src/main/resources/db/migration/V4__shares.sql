-- Vaultdrop schema V4: share links (conventions: see V1).
--
-- A share row holds NO usable key: the file's data key is derived from the secret half of the link
-- (and the password, if any), which the server never stores. What is stored only lets the server
-- recognise a correct link, password or revoke token (see docs/shares.md):
--   token_verifier    HKDF output of the link secret (base64url), compared in constant time
--   revoke_hash       SHA-256 of the revoke token (base64url)
--   password_*        Argon2id salt and parameters, and a verifier derived from the Argon2id output
--                     and the link secret (useless without the link)
-- remaining counts downloads left; a download is claimed by one conditional UPDATE before streaming.
-- in_flight counts claimed transfers not yet finished, so the last one deletes blob then row.
CREATE TABLE shares (
    id                  VARCHAR(32)   NOT NULL, -- lookup half of the link (base64url, 128 bits)
    blob_id             VARCHAR(32)   NOT NULL,
    owner_id            VARCHAR(36),            -- NULL for anonymous shares
    file_name           VARCHAR(1000) NOT NULL, -- display name (FileNames.displayName)
    size_bytes          BIGINT        NOT NULL, -- plaintext size
    created_at          BIGINT        NOT NULL,
    expires_at          BIGINT        NOT NULL,
    max_downloads       INTEGER       NOT NULL,
    remaining           INTEGER       NOT NULL,
    in_flight           INTEGER       NOT NULL,
    last_claim_at       BIGINT,
    token_verifier      VARCHAR(64)   NOT NULL,
    revoke_hash         VARCHAR(64)   NOT NULL,
    password_salt       VARCHAR(64),
    password_verifier   VARCHAR(64),
    argon2_memory_kib   INTEGER,
    argon2_iterations   INTEGER,
    argon2_parallelism  INTEGER,
    failed_attempts     INTEGER       NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_shares_blob UNIQUE (blob_id)
) ${table_options};

CREATE INDEX ix_shares_expires ON shares (expires_at);
CREATE INDEX ix_shares_owner ON shares (owner_id);

-- Blobs being written for a share that has no row yet. A row here is inserted before the blob is
-- created and removed in the transaction that inserts the share, so a blob the shares feature
-- wrote is always named by this table or by shares.blob_id until the blob is deleted; the sweeper
-- deletes the blobs of stale rows here (crashed uploads), then the rows.
CREATE TABLE share_uploads (
    blob_id    VARCHAR(32) NOT NULL,
    started_at BIGINT      NOT NULL,
    PRIMARY KEY (blob_id)
) ${table_options};
