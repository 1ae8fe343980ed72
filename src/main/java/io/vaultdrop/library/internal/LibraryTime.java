package io.vaultdrop.library.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Library instants are kept to the millisecond, as the database stores them. */
final class LibraryTime {

  private LibraryTime() {}

  /** Now, truncated to milliseconds, so what an answer shows equals what is stored. */
  static Instant now(Clock clock) {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
