-- Vaultdrop schema V13: shares of several files (conventions: see V1; docs/shares.md).
--
-- Every file of a share is its own stored object (docs/objects.md), encrypted under the share's
-- data key (derived from the link secret and the password, never stored) with associated data that
-- names the share and the file's position, so files cannot be swapped within or between shares.
--   file_index   0-based position in the share (the ?file=N of a download, the zip order)
--   aad_version  which associated data the object was encrypted with:
--                  1 = "vaultdrop-share:<share id>" (one-file shares created before V13)
--                  2 = "vaultdrop-share:<share id>|file:<file_index>"
--   sealed_crc   CRC-32 of the file's plaintext, sealed with AES-256-GCM under a key derived from
--                the link secret (and password); needed to stream a zip with exact headers. A
--                plaintext CRC is a content fingerprint, so it is never stored in clear. NULL for
--                files stored before V13 (one-file shares never download as a zip).
-- shares.blob_id, file_name and size_bytes stay: blob_id names file 0, file_name is what a link
-- shows as its name (the file's name, or "N files"), size_bytes the total plaintext size.
CREATE TABLE share_files (
    share_id     VARCHAR(32)   NOT NULL, -- shares.id
    file_index   INTEGER       NOT NULL,
    blob_id      VARCHAR(32)   NOT NULL,
    file_name    VARCHAR(1000) NOT NULL, -- display name (FileNames.displayName)
    size_bytes   BIGINT        NOT NULL, -- plaintext size
    aad_version  INTEGER       NOT NULL,
    sealed_crc   VARCHAR(64),
    PRIMARY KEY (share_id, file_index),
    CONSTRAINT uq_share_files_blob UNIQUE (blob_id)
) ${table_options};

ALTER TABLE shares ADD COLUMN file_count INTEGER DEFAULT 1 NOT NULL;

-- Every share so far holds one file: its blob is file 0, encrypted with the old associated data.
INSERT INTO share_files (share_id, file_index, blob_id, file_name, size_bytes, aad_version, sealed_crc)
    SELECT id, 0, blob_id, file_name, size_bytes, 1, NULL FROM shares;
