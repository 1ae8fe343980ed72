package io.vaultdrop.storage.internal;

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
 */
@Validated
@ConfigurationProperties("vaultdrop.storage")
record StorageProperties(
    @DefaultValue("filesystem") String type, @DefaultValue S3StorageProperties s3) {

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
