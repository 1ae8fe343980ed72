-- Vaultdrop schema V8: the operator library (seed 004). Conventions: see V1.
--
-- A document's content is a blob encrypted with its own data key (AES-256-GCM streaming object,
-- associated data bound to the document and blob ids); the data key is stored only wrapped by the
-- master key (wrapped_key, context "library:" + id). Replacing a document swaps blob, key and
-- revision in one update; download links name the revision, so older links stop working.
CREATE TABLE library_documents (
    id          VARCHAR(36)    NOT NULL, -- random UUID
    name        VARCHAR(1000)  NOT NULL, -- display name (FileNames.displayName), ends in .docx/.xlsx/.pptx
    kind        VARCHAR(8)     NOT NULL, -- DOCX, XLSX or PPTX
    size_bytes  BIGINT         NOT NULL, -- plaintext size
    blob_id     VARCHAR(32)    NOT NULL,
    wrapped_key ${binary_type} NOT NULL,
    revision    INTEGER        NOT NULL, -- 1, then +1 per replacement
    uploaded_by VARCHAR(36)    NOT NULL, -- users.id of the last publisher (no FK: accounts may go)
    created_at  BIGINT         NOT NULL,
    updated_at  BIGINT         NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_library_documents_blob UNIQUE (blob_id)
) ${table_options};

CREATE INDEX ix_library_documents_created ON library_documents (created_at);

-- Who downloaded what, for operators. The e-mail address is the one at download time, so the
-- history stays readable after an account is deleted; rows go with their document.
CREATE TABLE library_downloads (
    id            VARCHAR(36)  NOT NULL,
    document_id   VARCHAR(36)  NOT NULL,
    revision      INTEGER      NOT NULL,
    user_id       VARCHAR(36)  NOT NULL,
    user_email    VARCHAR(320) NOT NULL,
    downloaded_at BIGINT       NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_library_downloads_document FOREIGN KEY (document_id)
        REFERENCES library_documents (id) ON DELETE CASCADE
) ${table_options};

CREATE INDEX ix_library_downloads_document ON library_downloads (document_id, downloaded_at);

-- Users who asked for an e-mail about each new document.
CREATE TABLE library_subscriptions (
    user_id       VARCHAR(36) NOT NULL,
    subscribed_at BIGINT      NOT NULL,
    PRIMARY KEY (user_id)
) ${table_options};

-- Library blobs that no document row names: being written (pending_since = start of the upload)
-- or left behind by a replacement or removal (pending_since = 0, to be deleted at once). A blob
-- the library wrote is always named here or by library_documents.blob_id until it is deleted;
-- the sweeper deletes the blobs of stale rows, then the rows.
CREATE TABLE library_pending_blobs (
    blob_id       VARCHAR(32) NOT NULL,
    pending_since BIGINT      NOT NULL,
    PRIMARY KEY (blob_id)
) ${table_options};
