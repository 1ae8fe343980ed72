package io.vaultdrop.library.web;

import io.vaultdrop.library.internal.LibraryDocument;
import java.time.Instant;

/** A document as the library page shows it (formatted by the page, {@code @format}). */
record DocumentRow(String id, String name, String kind, long size, Instant updatedAt) {

  static DocumentRow of(LibraryDocument d) {
    return new DocumentRow(d.id(), d.name(), d.kind().extension(), d.size(), d.updatedAt());
  }
}
