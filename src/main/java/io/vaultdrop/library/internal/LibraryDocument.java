package io.vaultdrop.library.internal;

import io.vaultdrop.library.internal.ooxml.OfficeKind;
import io.vaultdrop.storage.BlobId;
import java.time.Instant;

/**
 * A published document as stored (without its wrapped key).
 *
 * @param revision 1 when published, incremented by each replacement
 * @param uploadedBy id of the account that published or last replaced it
 */
public record LibraryDocument(
    String id,
    String name,
    OfficeKind kind,
    long size,
    BlobId blobId,
    int revision,
    String uploadedBy,
    Instant createdAt,
    Instant updatedAt) {}
