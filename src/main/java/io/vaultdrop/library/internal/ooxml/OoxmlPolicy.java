package io.vaultdrop.library.internal.ooxml;

/**
 * What {@link OoxmlValidator} tolerates. Every cap is checked while the bytes stream in, so a
 * refused file is abandoned as soon as it crosses one.
 *
 * @param maxEntries most ZIP entries (directories included)
 * @param maxUncompressedBytes most bytes all entries may inflate to, together
 * @param maxCompressionRatio most uncompressed bytes per compressed byte of one entry, checked once
 *     the entry has inflated past {@code ratioGraceBytes} (small parts compress very well)
 * @param ratioGraceBytes inflated size of an entry below which the ratio is not checked
 * @param maxXmlPartBytes largest {@code [Content_Types].xml} or {@code .rels} part that is parsed
 * @param maxCentralDirectoryBytes largest ZIP central directory; the validator keeps this many
 *     trailing bytes (plus the end records) in memory to compare the directory with the entries
 * @param allowExternalHyperlinks accept relationships of the hyperlink type with {@code
 *     TargetMode="External"} (links a reader must click); every other external relationship is
 *     refused either way
 */
public record OoxmlPolicy(
    int maxEntries,
    long maxUncompressedBytes,
    int maxCompressionRatio,
    long ratioGraceBytes,
    int maxXmlPartBytes,
    int maxCentralDirectoryBytes,
    boolean allowExternalHyperlinks) {

  /** Default grace size before the compression ratio is enforced (as Apache POI does). */
  public static final long DEFAULT_RATIO_GRACE_BYTES = 100 * 1024;

  /** Default cap for the XML parts the validator parses. */
  public static final int DEFAULT_MAX_XML_PART_BYTES = 8 * 1024 * 1024;

  public OoxmlPolicy {
    if (maxEntries < 1
        || maxUncompressedBytes < 1
        || maxCompressionRatio < 1
        || ratioGraceBytes < 0
        || maxXmlPartBytes < 1024
        || maxCentralDirectoryBytes < 1024) {
      throw new IllegalArgumentException("OOXML limits must be positive");
    }
  }

  /** The defaults: 10,000 entries, 1 GiB uncompressed, ratio 100, central directory ≤ 4 MiB. */
  public static OoxmlPolicy defaults() {
    return new OoxmlPolicy(
        10_000,
        1024L * 1024 * 1024,
        100,
        DEFAULT_RATIO_GRACE_BYTES,
        DEFAULT_MAX_XML_PART_BYTES,
        4 * 1024 * 1024,
        false);
  }

  /** A copy with other entry and size caps. */
  public OoxmlPolicy withCaps(int entries, long uncompressedBytes, int compressionRatio) {
    return new OoxmlPolicy(
        entries,
        uncompressedBytes,
        compressionRatio,
        ratioGraceBytes,
        maxXmlPartBytes,
        maxCentralDirectoryBytes,
        allowExternalHyperlinks);
  }

  /** A copy that accepts (or not) external hyperlinks. */
  public OoxmlPolicy withExternalHyperlinks(boolean allowed) {
    return new OoxmlPolicy(
        maxEntries,
        maxUncompressedBytes,
        maxCompressionRatio,
        ratioGraceBytes,
        maxXmlPartBytes,
        maxCentralDirectoryBytes,
        allowed);
  }
}
