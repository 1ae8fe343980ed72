package io.vaultdrop.library.internal;

import io.vaultdrop.accounts.Role;
import io.vaultdrop.config.InvalidSettingException;
import io.vaultdrop.library.internal.ooxml.OfficeKind;
import io.vaultdrop.library.internal.ooxml.OoxmlPolicy;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Library settings ({@code vaultdrop.library.*}, env {@code VAULTDROP_LIBRARY_*}).
 *
 * @param allowedTypes per role, the kinds it may publish ({@code
 *     VAULTDROP_LIBRARY_ALLOWEDTYPES_OPERATOR=docx,xlsx}). A role left out keeps its default:
 *     OPERATOR and ADMIN publish docx, xlsx and pptx; MEMBER never publishes (configuring anything
 *     for MEMBER stops start-up)
 * @param linkLifetime how long a download link works (at most 24 hours)
 * @param allowExternalHyperlinks accept documents with external hyperlinks (every other external
 *     relationship is refused regardless)
 * @param maxEntries most ZIP entries in a document
 * @param maxUncompressedSize most bytes a document may inflate to
 * @param maxCompressionRatio most uncompressed bytes per compressed byte of one part
 * @param rateLimits budgets per account
 */
@ConfigurationProperties("vaultdrop.library")
public record LibraryProperties(
    @Nullable Map<Role, Set<OfficeKind>> allowedTypes,
    @DefaultValue("PT10M") Duration linkLifetime,
    @DefaultValue("false") boolean allowExternalHyperlinks,
    @DefaultValue("10000") int maxEntries,
    @DefaultValue("1GB") DataSize maxUncompressedSize,
    @DefaultValue("100") int maxCompressionRatio,
    @DefaultValue RateLimits rateLimits) {

  /**
   * @param uploadsPerHour publications and replacements per operator or administrator
   * @param linksPerMinute download links a user may create per minute
   * @param downloadsPerMinute downloads a user may start per minute
   */
  public record RateLimits(
      @DefaultValue("60") long uploadsPerHour,
      @DefaultValue("30") long linksPerMinute,
      @DefaultValue("30") long downloadsPerMinute) {

    public RateLimits {
      if (uploadsPerHour <= 0 || linksPerMinute <= 0 || downloadsPerMinute <= 0) {
        throw new InvalidSettingException(
            "VAULTDROP_LIBRARY_RATE_LIMITS_*", "must be positive numbers");
      }
    }
  }

  public LibraryProperties {
    Map<Role, Set<OfficeKind>> effective = new EnumMap<>(Role.class);
    effective.put(Role.MEMBER, Set.of());
    effective.put(Role.OPERATOR, Set.copyOf(EnumSet.allOf(OfficeKind.class)));
    effective.put(Role.ADMIN, Set.copyOf(EnumSet.allOf(OfficeKind.class)));
    if (allowedTypes != null) {
      Set<OfficeKind> forMembers = allowedTypes.get(Role.MEMBER);
      if (forMembers != null && !forMembers.isEmpty()) {
        throw new InvalidSettingException(
            "VAULTDROP_LIBRARY_ALLOWEDTYPES_MEMBER", "must stay empty: members never publish");
      }
      allowedTypes.forEach(
          (role, kinds) -> effective.put(role, kinds == null ? Set.of() : Set.copyOf(kinds)));
    }
    allowedTypes = Map.copyOf(effective);
    if (linkLifetime.compareTo(Duration.ofSeconds(10)) < 0
        || linkLifetime.compareTo(Duration.ofHours(24)) > 0) {
      throw new InvalidSettingException(
          "VAULTDROP_LIBRARY_LINK_LIFETIME", "must be between 10s and 24h");
    }
    if (maxEntries < 10 || maxEntries > 1_000_000) {
      throw new InvalidSettingException(
          "VAULTDROP_LIBRARY_MAX_ENTRIES", "must be between 10 and 1000000");
    }
    if (maxUncompressedSize.toBytes() < 1024 * 1024) {
      throw new InvalidSettingException(
          "VAULTDROP_LIBRARY_MAX_UNCOMPRESSED_SIZE", "must be at least 1MB");
    }
    if (maxCompressionRatio < 10) {
      throw new InvalidSettingException(
          "VAULTDROP_LIBRARY_MAX_COMPRESSION_RATIO", "must be at least 10");
    }
  }

  /** The kinds {@code role} may publish; empty for members. */
  public Set<OfficeKind> publishableBy(Role role) {
    return allowedTypes.getOrDefault(role, Set.of());
  }

  /** The validator's caps. */
  public OoxmlPolicy ooxmlPolicy() {
    OoxmlPolicy defaults = OoxmlPolicy.defaults();
    // The central directory grows with the number of entries (46 bytes plus the name each).
    int directory =
        (int) Math.min(Integer.MAX_VALUE / 2, Math.max(64 * 1024, (long) maxEntries * 400));
    return new OoxmlPolicy(
        maxEntries,
        maxUncompressedSize.toBytes(),
        maxCompressionRatio,
        defaults.ratioGraceBytes(),
        defaults.maxXmlPartBytes(),
        directory,
        allowExternalHyperlinks);
  }
}
