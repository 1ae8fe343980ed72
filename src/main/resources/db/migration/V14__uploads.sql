-- Resumable uploads (tus 1.0, docs/uploads.md). Conventions: see V1.
--
-- An upload is stored as a sequence of chunks, each its own object of the object lifecycle
-- (stored_objects, feature 'uploads'), encrypted under its own random data key wrapped by the
-- master key ring (context "upload-chunk:<upload key>:<start offset>"). A chunk is published
-- together with the upload's new offset in one transaction, so upload_offset only ever counts
-- durably stored bytes. The database never holds the upload's URL token: only its SHA-256.
CREATE TABLE uploads (
    upload_key    VARCHAR(64)   NOT NULL, -- SHA-256 (hex) of the token in the upload's URL
    owner_id      VARCHAR(36),            -- users.id; NULL: anonymous (the URL is the capability)
    file_name     VARCHAR(1024) NOT NULL, -- from Upload-Metadata "filename" (display only)
    total_bytes   BIGINT        NOT NULL, -- Upload-Length
    stored_bytes  BIGINT        NOT NULL, -- Upload-Offset: bytes durably stored
    state         VARCHAR(16)   NOT NULL, -- RECEIVING (incl. finished, stored = total), CLAIMED
    created_at    BIGINT        NOT NULL,
    changed_at    BIGINT        NOT NULL, -- last chunk or state change
    expires_at    BIGINT        NOT NULL, -- Upload-Expires; moved on with every chunk
    PRIMARY KEY (upload_key)
) ${table_options};

CREATE INDEX ix_uploads_expires ON uploads (expires_at);
CREATE INDEX ix_uploads_owner ON uploads (owner_id);

CREATE TABLE upload_chunks (
    upload_key   VARCHAR(64)    NOT NULL,
    start_offset BIGINT         NOT NULL, -- position of the chunk's first byte in the upload
    size_bytes   BIGINT         NOT NULL, -- plaintext bytes in the chunk
    blob_id      VARCHAR(32)    NOT NULL, -- the chunk's object (stored_objects)
    wrapped_key  ${binary_type} NOT NULL, -- the chunk's data key, wrapped by the master key ring
    PRIMARY KEY (upload_key, start_offset)
) ${table_options};
