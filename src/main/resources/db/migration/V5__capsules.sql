-- Capsules (seed 001): an object whose key travels only inside the JWE handed to the uploader.
-- A row marks a blob as a capsule's (so it is not an orphan) and dates it for the optional
-- vaultdrop.capsules.max-age sweep. It holds NO key and nothing else that opens the object:
-- the original name and the data key exist only inside the JWE.
-- Conventions (see V1): instants are BIGINT epoch milliseconds (UTC); ids are strings.
CREATE TABLE capsules (
    blob_id    VARCHAR(32) NOT NULL, -- the encrypted object in the blob store
    owner_id   VARCHAR(36),          -- the signed-in creator, NULL when anonymous
    created_at BIGINT      NOT NULL,
    PRIMARY KEY (blob_id)
)${table_options};

CREATE INDEX ix_capsules_created_at ON capsules (created_at);
CREATE INDEX ix_capsules_owner_id ON capsules (owner_id);
