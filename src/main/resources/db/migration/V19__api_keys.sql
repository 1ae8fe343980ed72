-- Personal API keys (docs/api-keys.md). Conventions: see V1.
--
-- A key reads vdk_<id>_<secret>: id is this row's id (32 hex digits), secret 256 random bits.
-- Only key_hash is stored: HMAC-SHA-256 of the whole key under a subkey derived from the master
-- key named by hash_key_id (so hashes stay checkable after a master-key rotation while the old
-- key is in the ring). A database copy alone neither yields nor checks a key.
-- Revoking deletes the row; so do a password reset and the account's deletion (cascade).
CREATE TABLE api_keys (
    id           VARCHAR(32)  NOT NULL,
    user_id      VARCHAR(36)  NOT NULL,
    name         VARCHAR(100) NOT NULL,
    scopes       VARCHAR(300) NOT NULL, -- scope names separated by single spaces
    key_hash     VARCHAR(64)  NOT NULL, -- hex HMAC-SHA-256
    hash_key_id  VARCHAR(64)  NOT NULL, -- master key the HMAC subkey was derived from
    created_at   BIGINT       NOT NULL,
    expires_at   BIGINT,                -- NULL: no expiry
    last_used_at BIGINT,                -- updated at most once a minute
    PRIMARY KEY (id),
    CONSTRAINT fk_api_keys_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
)${table_options};

CREATE INDEX ix_api_keys_user ON api_keys (user_id);
