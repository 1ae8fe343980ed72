package io.vaultdrop.web.pages;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The one way pages show sizes and instants; used from every template as {@code @format}. Sizes use
 * binary multiples with the unit names of the settings, so {@code VAULTDROP_VAULT_QUOTA=10GB} shows
 * as 10 GB and one file has one size on every page; the exact byte count goes into a {@code
 * data-bytes} attribute next to it.
 */
@Component("format")
public final class PageFormat {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB", "PB"};

  /** {@code 999 B}, {@code 16.8 KB}, {@code 10 GB}. */
  public String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    String number = String.format(Locale.ROOT, "%.1f", value);
    if (number.endsWith(".0")) {
      number = number.substring(0, number.length() - 2);
    }
    return number + " " + UNITS[unit];
  }

  /** {@code 2026-12-07 14:05 UTC}. */
  public String time(Instant instant) {
    return TIME.format(instant);
  }

  /** ISO-8601 for {@code <time datetime>}. */
  public String iso(Instant instant) {
    return instant.toString();
  }

  /** Percentage of {@code total} that {@code part} takes, 0 to 100. */
  public long percent(long part, long total) {
    if (total <= 0) {
      return 100;
    }
    return Math.min(100, Math.round(part * 100.0 / total));
  }
}
