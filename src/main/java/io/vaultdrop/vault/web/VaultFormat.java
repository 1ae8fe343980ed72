package io.vaultdrop.vault.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Sizes and instants as page text; used from templates as {@code @vaultFormat}. Sizes use binary
 * multiples with the unit names of the settings ({@code VAULTDROP_VAULT_QUOTA=10GB} shows as 10
 * GB).
 */
@Component("vaultFormat")
public final class VaultFormat {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB", "PB"};

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

  public String time(Instant instant) {
    return TIME.format(instant);
  }

  /** ISO-8601 for {@code <time datetime>}. */
  public String iso(Instant instant) {
    return instant.toString();
  }

  /** Percentage of {@code quota} that {@code used} takes, 0 to 100. */
  public long percent(long used, long quota) {
    if (quota <= 0) {
      return 100;
    }
    return Math.min(100, Math.round(used * 100.0 / quota));
  }
}
