-- Vaultdrop schema V1: blob storage for the database backend (VAULTDROP_STORAGE_TYPE=database).
--
-- Conventions for every Vaultdrop migration (V1, V2, ...):
--   * One file runs UNCHANGED on H2, PostgreSQL and MariaDB/MySQL: portable SQL only.
--   * Instants are BIGINT epoch milliseconds in UTC (columns named *_at), never TIMESTAMP types,
--     so no vendor time zone or precision rule applies.
--   * Where vendors differ, placeholders are filled by io.vaultdrop.database.VendorPlaceholders
--     from the connected database:
--       ${binary_type}    large binary column: BLOB (H2), BYTEA (PostgreSQL), LONGBLOB (MariaDB/MySQL)
--       ${table_options}  appended to CREATE TABLE: empty (H2, PostgreSQL);
--                         ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin (MariaDB/MySQL),
--                         so text compares case-sensitively and byte-wise as on the other two.
--   * Identifiers are lower case and avoid reserved words of all three vendors; primary keys are
--     unnamed (MariaDB ignores the name), other constraints and indexes are named.

-- One row per blob. complete = FALSE while it is being written (or deleted): such rows are
-- invisible to readers. size_bytes is final once complete. created_at: commit time when complete,
-- last write activity while pending (the sweep removes long-inactive pending rows).
CREATE TABLE blobs (
    id         VARCHAR(32) NOT NULL,
    size_bytes BIGINT      NOT NULL,
    created_at BIGINT      NOT NULL,
    complete   BOOLEAN     NOT NULL,
    PRIMARY KEY (id)
) ${table_options};

CREATE INDEX ix_blobs_pending ON blobs (complete, created_at);

-- The content, in chunks numbered from 0; every chunk but the last is full.
CREATE TABLE blob_chunks (
    blob_id    VARCHAR(32)    NOT NULL,
    seq        INTEGER        NOT NULL,
    chunk_data ${binary_type} NOT NULL,
    PRIMARY KEY (blob_id, seq),
    CONSTRAINT fk_blob_chunks_blob FOREIGN KEY (blob_id) REFERENCES blobs (id)
) ${table_options};
