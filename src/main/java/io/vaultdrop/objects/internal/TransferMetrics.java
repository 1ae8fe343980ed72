package io.vaultdrop.objects.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vaultdrop.objects.FeatureObjects;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The domain counters of the object lifecycle, each labelled with the owning feature (the name
 * given to {@link io.vaultdrop.objects.StoredObjects#create}); what counts when is in {@code
 * docs/metrics.md}. Objects of a {@link FeatureObjects#staging() staging} feature (the chunks of a
 * resumable upload) are no transfer of their own: their content is counted once, when the claiming
 * feature stores it.
 */
@Component
class TransferMetrics {

  static final String UPLOADS = "vaultdrop.uploads";
  static final String DOWNLOADS = "vaultdrop.downloads";
  static final String BYTES = "vaultdrop.transfer.bytes";
  static final String DECRYPTION_FAILURES = "vaultdrop.decryption.failures";
  static final String SWEPT = "vaultdrop.swept.objects";

  /**
   * The features the metrics contract (API.md, "Operations") names. Their upload, download, byte
   * and decryption-failure series exist from start-up at zero, so a dashboard or an alert sees 0
   * rather than no data before the first event, and a rate over a node's first upload is right.
   */
  static final List<String> CONTRACT_FEATURES =
      List.of("shares", "capsules", "tool", "vault", "library");

  private final MeterRegistry registry;
  private final List<FeatureObjects> features;
  private volatile @Nullable Set<String> staging;

  /**
   * @param features looked at on first use only ({@code @Lazy}): the features depend on the object
   *     lifecycle, not the other way round
   */
  TransferMetrics(MeterRegistry registry, @Lazy List<FeatureObjects> features) {
    this.registry = registry;
    this.features = features;
    for (String feature : CONTRACT_FEATURES) {
      uploadsOf(feature);
      downloadsOf(feature);
      decryptionFailuresOf(feature);
      byteCounter(feature, "upload");
      byteCounter(feature, "download");
    }
  }

  /** The byte counter of {@code feature}'s transfers in {@code direction}; null for staging. */
  @Nullable Counter bytes(String feature, String direction) {
    return isStaging(feature) ? null : byteCounter(feature, direction);
  }

  private Counter byteCounter(String feature, String direction) {
    return Counter.builder(BYTES)
        .description("Content bytes written into or read out of stored objects")
        .baseUnit("bytes")
        .tag("feature", feature)
        .tag("direction", direction)
        .register(registry);
  }

  /** A file was stored (its object published, the transaction committed). */
  void uploaded(String feature) {
    if (!isStaging(feature)) {
      uploadsOf(feature).increment();
    }
  }

  /** A stored file was read to its end for a client. */
  void downloaded(String feature) {
    if (!isStaging(feature)) {
      downloadsOf(feature).increment();
    }
  }

  /** A stored object did not decrypt or authenticate (wrong key, damage, tampering). */
  void decryptionFailed(String feature) {
    decryptionFailuresOf(feature).increment();
  }

  /** The object sweeper removed {@code count} items of {@code feature} for {@code reason}. */
  void swept(String feature, String reason, int count) {
    if (count > 0) {
      Counter.builder(SWEPT)
          .description("Items removed by the object sweeper")
          .tag("feature", feature)
          .tag("reason", reason)
          .register(registry)
          .increment(count);
    }
  }

  private Counter uploadsOf(String feature) {
    return counter(UPLOADS, "Files stored (objects published)", feature);
  }

  private Counter downloadsOf(String feature) {
    return counter(DOWNLOADS, "Stored files read to their end", feature);
  }

  private Counter decryptionFailuresOf(String feature) {
    return counter(DECRYPTION_FAILURES, "Stored objects that failed to decrypt", feature);
  }

  private Counter counter(String name, String description, String feature) {
    return Counter.builder(name)
        .description(description)
        .tag("feature", feature)
        .register(registry);
  }

  private boolean isStaging(String feature) {
    Set<String> names = staging;
    if (names == null) {
      names =
          features.stream()
              .filter(FeatureObjects::staging)
              .map(FeatureObjects::feature)
              .collect(Collectors.toUnmodifiableSet());
      staging = names;
    }
    return names.contains(feature);
  }
}
