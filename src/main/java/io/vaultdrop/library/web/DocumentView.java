package io.vaultdrop.library.web;

import io.swagger.v3.oas.annotations.media.Schema;
import io.vaultdrop.library.internal.LibraryDocument;
import java.time.Instant;

/**
 * A document in the API: {@code id}, {@code name}, {@code size}, {@code createdAt} (the contract),
 * plus {@code kind} ({@code docx}, {@code xlsx}, {@code pptx}), {@code updatedAt} and {@code
 * revision}.
 */
@Schema(name = "LibraryDocument")
record DocumentView(
    String id,
    String name,
    long size,
    Instant createdAt,
    String kind,
    Instant updatedAt,
    int revision) {

  static DocumentView of(LibraryDocument d) {
    return new DocumentView(
        d.id(),
        d.name(),
        d.size(),
        d.createdAt(),
        d.kind().extension(),
        d.updatedAt(),
        d.revision());
  }
}
