package io.vaultdrop.library.internal;

import java.time.Instant;

/** One completed download of a document, for the operators' history. */
public record LibraryDownload(
    String documentId, int revision, String userId, String userEmail, Instant downloadedAt) {}
