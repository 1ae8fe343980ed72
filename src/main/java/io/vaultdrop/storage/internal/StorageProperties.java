package io.vaultdrop.storage.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Blob storage settings ({@code vaultdrop.storage.*}).
 *
 * @param type the backend, {@code VAULTDROP_STORAGE_TYPE}: {@code filesystem} (default, under
 *     {@code <data-dir>/blobs}), {@code database} (chunks in the metadata database) or {@code s3}
 *     (objects in a bucket); anything else stops start-up
 * @param s3 the S3 settings, validated when {@code type} is {@code s3}
 * @param abandonedWriteAge {@code VAULTDROP_STORAGE_ABANDONED_WRITE_AGE}: leftovers of a write
 *     (temp file, pending multipart upload, uncommitted chunks) with no activity for this long are
 *     removed by the storage sweeper; at least one hour, far longer than any upload may pause
 */
@Validated
@ConfigurationProperties("vaultdrop.storage")
record StorageProperties(
    @DefaultValue("filesystem") String type,
    @DefaultValue S3StorageProperties s3,
    @DefaultValue("P1D") Duration abandonedWriteAge) {

  /** Available backends; their names are the accepted values of {@code VAULTDROP_STORAGE_TYPE}. */
  enum StorageType {
    FILESYSTEM,
    DATABASE,
    S3;

    static String accepted() {
      return Arrays.stream(values())
          .map(value -> value.name().toLowerCase(Locale.ROOT))
          .collect(Collectors.joining(", "));
    }
  }

  StorageProperties {
    if (abandonedWriteAge.compareTo(Duration.ofHours(1)) < 0) {
      throw new IllegalArgumentException(
          "VAULTDROP_STORAGE_ABANDONED_WRITE_AGE (vaultdrop.storage.abandoned-write-age) must be"
              + " at least one hour but was "
              + abandonedWriteAge);
    }
    if (storageType(type) == StorageType.S3) {
      s3.validate();
    }
  }

  StorageType storageType() {
    return storageType(type);
  }

  private static StorageType storageType(String type) {
    return Arrays.stream(StorageType.values())
        .filter(value -> value.name().equalsIgnoreCase(type))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "VAULTDROP_STORAGE_TYPE (vaultdrop.storage.type) must be one of "
                        + StorageType.accepted()
                        + " but was '"
                        + type
                        + "'"));
  }
}
