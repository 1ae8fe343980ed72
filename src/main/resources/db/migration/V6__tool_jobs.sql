-- Vaultdrop schema V6: encrypt/decrypt tool jobs (seed 000's temp_encrypted/{user}/{uuid}/).
-- Conventions: see V1. One row per job; the job's ciphertext is a blob (blob_id), its key file is
-- stored only sealed by the master key (sealed_key, context bound to the job id). Nothing
-- readable is at rest. Rows are deleted once fully downloaded, or after VAULTDROP_TOOL_RETENTION.
CREATE TABLE tool_jobs (
    id              VARCHAR(43)    NOT NULL, -- 256 random bits, base64url
    owner_id        VARCHAR(36)    NOT NULL, -- users.id (no FK: removed on AccountDeletedEvent)
    kind            VARCHAR(16)    NOT NULL, -- ENCRYPT or DECRYPT
    name            VARCHAR(255)   NOT NULL, -- original file name (display name)
    algorithm       VARCHAR(32)    NOT NULL, -- CHACHA20_POLY1305 or AES_256_GCM
    key_mode        VARCHAR(16)    NOT NULL, -- PORTABLE or SERVER_BOUND
    size_bytes      BIGINT         NOT NULL, -- plaintext size
    encrypted_size  BIGINT         NOT NULL, -- ciphertext blob size
    blob_id         VARCHAR(32)    NOT NULL,
    sealed_key      ${binary_type} NOT NULL,
    enc_downloaded  BOOLEAN        NOT NULL,
    key_downloaded  BOOLEAN        NOT NULL,
    created_at      BIGINT         NOT NULL,
    expires_at      BIGINT         NOT NULL,
    PRIMARY KEY (id)
) ${table_options};

CREATE INDEX ix_tool_jobs_owner ON tool_jobs (owner_id, created_at);
CREATE INDEX ix_tool_jobs_expiry ON tool_jobs (expires_at);
