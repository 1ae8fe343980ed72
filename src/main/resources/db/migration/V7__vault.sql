-- Vaultdrop schema V7: the personal vault (seed 002). Conventions: see V1.
--
-- Hybrid encryption (docs/vault.md): every file's content is a blob encrypted with its own random
-- data key (object format, AES-256-GCM, file id as associated data); that data key is encrypted to
-- the owner's HPKE public key (DHKEM-X25519-HKDF-SHA256 / HKDF-SHA256 / AES-256-GCM, context info
-- bound to owner and file id); the owner's private key is stored only sealed by the master key.
-- Without the master key nothing here opens. Rotating the master key re-seals the private keys
-- (vault_user_keys) and never touches files or blobs.

-- One HPKE key pair per user, created on the first upload.
CREATE TABLE vault_user_keys (
    account_id            VARCHAR(36)    NOT NULL, -- users.id (no FK: removed on AccountDeletedEvent)
    public_keyset         ${binary_type} NOT NULL, -- Tink keyset (protobuf) holding only the public key
    sealed_private_keyset ${binary_type} NOT NULL, -- Tink private keyset sealed by the master key ring
                                                   -- (WrappedKey, context "vault-user-key:<account id>")
    master_key_id         VARCHAR(16)    NOT NULL, -- id of the master key that sealed it (rotation)
    created_at            BIGINT         NOT NULL,
    rewrapped_at          BIGINT,                  -- last re-seal under a new primary master key
    PRIMARY KEY (account_id)
) ${table_options};

CREATE INDEX ix_vault_user_keys_master_key ON vault_user_keys (master_key_id);

-- One row per file. A row is inserted in state UPLOADING before the content streams in: its
-- reserved_bytes hold the quota reservation of the running upload (see docs/vault.md "Quota"),
-- taken while the owner's vault_user_keys row is locked, so concurrent uploads can never together
-- exceed the quota. The row becomes READY (reserved_bytes = size_bytes, wrapped_key set) once the
-- blob is committed; UPLOADING rows of crashed uploads are swept with their blobs.
CREATE TABLE vault_files (
    id             VARCHAR(32)    NOT NULL, -- 128 random bits, base64url
    owner_id       VARCHAR(36)    NOT NULL, -- users.id
    state          VARCHAR(16)    NOT NULL, -- UPLOADING or READY
    name           VARCHAR(1000)  NOT NULL, -- display name (FileNames.displayName); '' while uploading
    size_bytes     BIGINT         NOT NULL, -- plaintext size (0 while uploading)
    reserved_bytes BIGINT         NOT NULL, -- what the file counts against the quota
    blob_id        VARCHAR(32)    NOT NULL,
    wrapped_key    ${binary_type},          -- HPKE ciphertext of the data key; NULL while uploading
    created_at     BIGINT         NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_vault_files_blob UNIQUE (blob_id)
) ${table_options};

CREATE INDEX ix_vault_files_owner ON vault_files (owner_id, created_at);
CREATE INDEX ix_vault_files_state ON vault_files (state, created_at);
