package io.vaultdrop.library.web;

import io.vaultdrop.library.internal.LibraryDocument;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** A document as the library page shows it. */
record DocumentRow(
    String id, String name, String kind, long size, String updated, String updatedIso) {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  static DocumentRow of(LibraryDocument d) {
    return new DocumentRow(
        d.id(),
        d.name(),
        d.kind().extension(),
        d.size(),
        time(d.updatedAt()),
        d.updatedAt().toString());
  }

  static String time(Instant instant) {
    return TIME.format(instant);
  }
}
