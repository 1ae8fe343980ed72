package io.vaultdrop.uploads.internal;

import io.vaultdrop.storage.BlobId;

/** A row of {@code upload_chunks}: one encrypted object holding bytes [start, start + size). */
record UploadChunk(long startOffset, long sizeBytes, BlobId blobId, byte[] wrappedKey) {}
