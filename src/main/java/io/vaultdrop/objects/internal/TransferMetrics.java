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
  }

  /** The byte counter of {@code feature}'s transfers in {@code direction}; null for staging. */
  @Nullable Counter bytes(String feature, String direction) {
    if (isStaging(feature)) {
      return null;
    }
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
      counter(UPLOADS, "Files stored (objects published)", feature).increment();
    }
  }

  /** A stored file was read to its end for a client. */
  void downloaded(String feature) {
    if (!isStaging(feature)) {
      counter(DOWNLOADS, "Stored files read to their end", feature).increment();
    }
  }

  /** A stored object did not decrypt or authenticate (wrong key, damage, tampering). */
  void decryptionFailed(String feature) {
    counter(DECRYPTION_FAILURES, "Stored objects that failed to decrypt", feature).increment();
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
