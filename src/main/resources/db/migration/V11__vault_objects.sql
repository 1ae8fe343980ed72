-- Vaultdrop schema V11: the vault on the stored-object lifecycle (docs/objects.md, docs/vault.md).
-- Conventions: see V1.
--
-- An upload reserves its quota before its object exists: the reservation is the object's size
-- limit, so it has no blob id yet. Reservations therefore move out of vault_files into their own
-- table; vault_files keeps finished files only (state READY). The blob of an upload lives as a
-- PENDING stored object until the vault_files row is inserted in the same transaction that makes it
-- LIVE; the object sweeper removes the blobs of crashed uploads, the vault only drops their stale
-- reservations (after VAULTDROP_VAULT_UPLOAD_TIMEOUT).
CREATE TABLE vault_uploads (
    id             VARCHAR(32) NOT NULL, -- the id the file will have
    owner_id       VARCHAR(36) NOT NULL, -- users.id
    reserved_bytes BIGINT      NOT NULL, -- what the running upload counts against the quota
    started_at     BIGINT      NOT NULL,
    PRIMARY KEY (id)
) ${table_options};

CREATE INDEX ix_vault_uploads_owner ON vault_uploads (owner_id);
CREATE INDEX ix_vault_uploads_started ON vault_uploads (started_at);

-- Unfinished uploads of before: V10 registered their blobs as PENDING objects, which the object
-- sweeper deletes; nothing can finish them any more.
DELETE FROM vault_files WHERE state = 'UPLOADING';
