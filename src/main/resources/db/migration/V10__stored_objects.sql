-- The object ledger (docs/objects.md): one row per stored blob, written before its first byte.
-- state: PENDING (being written, or written but not yet published with its feature's row),
--        LIVE (published), DELETING (deleted; the blob goes once no reader is left).
CREATE TABLE stored_objects (
    blob_id    VARCHAR(32) NOT NULL,
    feature    VARCHAR(16) NOT NULL, -- shares, capsules, tool, vault, library
    state      VARCHAR(16) NOT NULL,
    size_bytes BIGINT,               -- stored (ciphertext) size, once committed
    created_at BIGINT      NOT NULL,
    changed_at BIGINT      NOT NULL, -- last state change
    readers    INTEGER     NOT NULL, -- open readers across the cluster
    read_at    BIGINT,               -- when the last reader started
    PRIMARY KEY (blob_id)
) ${table_options};

CREATE INDEX ix_stored_objects_state ON stored_objects (state, changed_at);

-- Every blob the features already hold: published objects are LIVE; unfinished uploads PENDING
-- (the object sweeper removes them after VAULTDROP_OBJECTS_PENDING_AGE).
INSERT INTO stored_objects (blob_id, feature, state, created_at, changed_at, readers)
    SELECT blob_id, 'shares', 'LIVE', created_at, created_at, 0 FROM shares;
INSERT INTO stored_objects (blob_id, feature, state, created_at, changed_at, readers)
    SELECT blob_id, 'shares', 'PENDING', started_at, started_at, 0 FROM share_uploads u
    WHERE NOT EXISTS (SELECT 1 FROM stored_objects o WHERE o.blob_id = u.blob_id);
INSERT INTO stored_objects (blob_id, feature, state, created_at, changed_at, readers)
    SELECT blob_id, 'capsules', 'LIVE', created_at, created_at, 0 FROM capsules;
INSERT INTO stored_objects (blob_id, feature, state, created_at, changed_at, readers)
    SELECT blob_id, 'tool', 'LIVE', created_at, created_at, 0 FROM tool_jobs;
INSERT INTO stored_objects (blob_id, feature, state, created_at, changed_at, readers)
    SELECT blob_id, 'vault', CASE WHEN state = 'READY' THEN 'LIVE' ELSE 'PENDING' END,
           created_at, created_at, 0 FROM vault_files;
INSERT INTO stored_objects (blob_id, feature, state, created_at, changed_at, readers)
    SELECT blob_id, 'library', 'LIVE', created_at, updated_at, 0 FROM library_documents;
INSERT INTO stored_objects (blob_id, feature, state, created_at, changed_at, readers)
    SELECT blob_id, 'library', 'PENDING', pending_since, pending_since, 0 FROM library_pending_blobs p
    WHERE NOT EXISTS (SELECT 1 FROM stored_objects o WHERE o.blob_id = p.blob_id);

DROP TABLE share_uploads;
