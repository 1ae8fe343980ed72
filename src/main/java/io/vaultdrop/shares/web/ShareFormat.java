package io.vaultdrop.shares.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** Sizes and instants as page text; used from templates as {@code @shareFormat}. */
@Component("shareFormat")
public final class ShareFormat {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB"};

  public String size(long bytes) {
    double value = bytes;
    int unit = 0;
    while (value >= 1000 && unit < UNITS.length - 1) {
      value /= 1000;
      unit++;
    }
    return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
  }

  public String time(Instant instant) {
    return TIME.format(instant);
  }

  /** ISO-8601 for {@code <time datetime>}. */
  public String iso(Instant instant) {
    return instant.toString();
  }
}
